/**
 * The fields of the five entities, as the API model 2022.1 lists them (shared/reference/connectwise-entities.json),
 * plus `productClass` (catalog) and `agreementStatus` (agreements), which the reference notes from the 2025.1 spec.
 * One field a line: `name kind [argument]`. Kinds: string, number, boolean, datetime, enum A|B, ref Type (an
 * object), list Type (an array of objects), strings (string array), info (`_info`), customFields.
 * String fields that hold datetimes in practice (closedDate, dateResolved...) are typed datetime so that
 * bracketed datetimes compare as instants.
 */
import type { CwEntity } from '../types.js';

export const ENTITY_FIELDS: Record<CwEntity, string> = {
  companies: `
    id number
    identifier string
    name string
    status ref CompanyStatus
    addressLine1 string
    addressLine2 string
    city string
    state string
    zip string
    country ref Country
    phoneNumber string
    faxNumber string
    website string
    territory ref SystemLocation
    market ref MarketDescription
    accountNumber string
    defaultContact ref Contact
    dateAcquired datetime
    sicCode ref SicCode
    parentCompany ref Company
    annualRevenue number
    numberOfEmployees number
    yearEstablished number
    revenueYear number
    ownershipType ref OwnershipType
    timeZoneSetup ref TimeZoneSetup
    leadSource string
    leadFlag boolean
    unsubscribeFlag boolean
    calendar ref Calendar
    userDefinedField1 string
    userDefinedField2 string
    userDefinedField3 string
    userDefinedField4 string
    userDefinedField5 string
    userDefinedField6 string
    userDefinedField7 string
    userDefinedField8 string
    userDefinedField9 string
    userDefinedField10 string
    vendorIdentifier string
    taxIdentifier string
    taxCode ref TaxCode
    billingTerms ref BillingTerms
    invoiceTemplate ref InvoiceTemplate
    pricingSchedule ref PricingSchedule
    companyEntityType ref EntityType
    billToCompany ref Company
    billingSite ref Site
    billingContact ref Contact
    invoiceDeliveryMethod ref BillingDelivery
    invoiceToEmailAddress string
    invoiceCCEmailAddress string
    deletedFlag boolean
    dateDeleted datetime
    deletedBy string
    mobileGuid string
    facebookUrl string
    twitterUrl string
    linkedInUrl string
    currency ref Currency
    territoryManager ref Member
    resellerIdentifier string
    isVendorFlag boolean
    types list CompanyType
    site ref Site
    integratorTags strings
    _info info
    customFields customFields
  `,
  configurations: `
    id number
    name string
    type ref ConfigurationType
    status ref ConfigurationStatus
    company ref Company
    contact ref Contact
    site ref Site
    locationId number
    businessUnitId number
    deviceIdentifier string
    serialNumber string
    modelNumber string
    tagNumber string
    purchaseDate datetime
    installationDate datetime
    installedBy ref Member
    warrantyExpirationDate datetime
    vendorNotes string
    notes string
    macAddress string
    lastLoginName string
    billFlag boolean
    backupSuccesses number
    backupIncomplete number
    backupFailed number
    backupRestores number
    lastBackupDate datetime
    backupServerName string
    backupBillableSpaceGb number
    backupProtectedDeviceList string
    backupYear number
    backupMonth number
    ipAddress string
    defaultGateway string
    osType string
    osInfo string
    cpuSpeed string
    ram string
    localHardDrives string
    parentConfigurationId number
    vendor ref Company
    manufacturer ref Manufacturer
    questions list ConfigurationQuestion
    activeFlag boolean
    managementLink string
    remoteLink string
    sla ref SLA
    mobileGuid string
    _info info
    displayVendorFlag boolean
    companyLocationId number
    showRemoteFlag boolean
    showAutomateFlag boolean
    needsRenewalFlag boolean
    manufacturerPartNumber string
    customFields customFields
  `,
  catalog: `
    id number
    identifier string
    description string
    inactiveFlag boolean
    subcategory ref ProductSubCategory
    type ref ProductType
    serializedFlag boolean
    serializedCostFlag boolean
    phaseProductFlag boolean
    unitOfMeasure ref UnitOfMeasure
    minStockLevel number
    price number
    cost number
    taxableFlag boolean
    dropShipFlag boolean
    specialOrderFlag boolean
    customerDescription string
    manufacturer ref Manufacturer
    manufacturerPartNumber string
    vendor ref Company
    vendorSku string
    notes string
    integrationXRef string
    sla ref SLA
    entityType ref EntityType
    recurringFlag boolean
    recurringRevenue number
    recurringCost number
    recurringOneTimeFlag boolean
    recurringBillCycle ref BillingCycle
    recurringCycleType enum ContractYear|CalendarYear
    dateEntered datetime
    calculatedPriceFlag boolean
    calculatedCostFlag boolean
    category ref ProductCategory
    calculatedPrice number
    calculatedCost number
    _info info
    customFields customFields
    productClass enum Agreement|Bundle|Inventory|NonInventory|Service
  `,
  tickets: `
    id number
    summary string
    recordType enum ProjectIssue|ProjectTicket|ServiceTicket
    board ref Board
    status ref ServiceStatus
    workRole ref WorkRole
    workType ref WorkType
    company ref Company
    site ref Site
    siteName string
    addressLine1 string
    addressLine2 string
    city string
    stateIdentifier string
    zip string
    country ref Country
    contact ref Contact
    contactName string
    contactPhoneNumber string
    contactPhoneExtension string
    contactEmailAddress string
    type ref ServiceType
    subType ref ServiceSubType
    item ref ServiceItem
    team ref ServiceTeam
    owner ref Member
    priority ref Priority
    serviceLocation ref ServiceLocation
    source ref ServiceSource
    requiredDate datetime
    budgetHours number
    opportunity ref Opportunity
    agreement ref Agreement
    severity enum Low|Medium|High
    impact enum Low|Medium|High
    externalXRef string
    poNumber string
    knowledgeBaseCategoryId number
    knowledgeBaseSubCategoryId number
    allowAllClientsPortalView boolean
    customerUpdatedFlag boolean
    automaticEmailContactFlag boolean
    automaticEmailResourceFlag boolean
    automaticEmailCcFlag boolean
    automaticEmailCc string
    initialDescription string
    initialInternalAnalysis string
    initialResolution string
    initialDescriptionFrom string
    contactEmailLookup string
    processNotifications boolean
    skipCallback boolean
    closedDate datetime
    closedBy string
    closedFlag boolean
    actualHours number
    approved boolean
    estimatedExpenseCost number
    estimatedExpenseRevenue number
    estimatedProductCost number
    estimatedProductRevenue number
    estimatedTimeCost number
    estimatedTimeRevenue number
    billingAmount number
    hourlyRate number
    subBillingAmount number
    subDateAccepted datetime
    dateResolved datetime
    dateResplan datetime
    dateResponded datetime
    resolveMinutes number
    resPlanMinutes number
    respondMinutes number
    isInSla boolean
    knowledgeBaseLinkId number
    resources string
    parentTicketId number
    hasChildTicket boolean
    hasMergedChildTicketFlag boolean
    billTime enum Billable|DoNotBill|NoCharge|NoDefault
    predecessorType enum Ticket|Phase
    predecessorId number
    predecessorClosedFlag boolean
    lagDays number
    lagNonworkingDaysFlag boolean
    estimatedStartDate datetime
    duration number
    location ref SystemLocation
    department ref SystemDepartment
    mobileGuid string
    sla ref SLA
    slaStatus string
    currency ref Currency
    mergedParentTicket ref Ticket
    integratorTags strings
    _info info
    customFields customFields
  `,
  agreements: `
    id number
    name string
    type ref AgreementType
    company ref Company
    contact ref Contact
    site ref Site
    subContractCompany ref Company
    subContractContact ref Contact
    parentAgreement ref Agreement
    customerPO string
    location ref SystemLocation
    department ref SystemDepartment
    restrictLocationFlag boolean
    restrictDepartmentFlag boolean
    startDate datetime
    endDate datetime
    noEndingDateFlag boolean
    opportunity ref Opportunity
    cancelledFlag boolean
    dateCancelled datetime
    reasonCancelled string
    sla ref SLA
    workOrder string
    internalNotes string
    applicationUnits enum Amount|Hours|Incidents
    applicationLimit number
    applicationUnlimitedFlag boolean
    oneTimeFlag boolean
    coverAgreementTime boolean
    coverAgreementProduct boolean
    coverAgreementExpense boolean
    coverSalesTax boolean
    carryOverUnused boolean
    allowOverruns boolean
    expiredDays number
    limit number
    expireWhenZero boolean
    chargeToFirm boolean
    employeeCompRate enum Actual|Hourly
    employeeCompNotExceed enum Billing|Amount|Percent
    compHourlyRate number
    compLimitAmount number
    billingCycle ref BillingCycle
    billOneTimeFlag boolean
    billingTerms ref BillingTerms
    invoicingCycle enum ContractYear|CalendarYear
    billToCompany ref Company
    billToContact ref Contact
    billToSite ref Site
    billAmount number
    taxable boolean
    prorateFirstBill number
    billStartDate datetime
    taxCode ref TaxCode
    restrictDownPayment boolean
    prorateFlag boolean
    invoiceDescription string
    topComment boolean
    bottomComment boolean
    workRole ref WorkRole
    workType ref WorkType
    projectType ref ProjectType
    invoiceTemplate ref InvoiceTemplate
    billTime enum Billable|DoNotBill|NoCharge|NoDefault
    billableTimeInvoice boolean
    billableExpenseInvoice boolean
    billableProductInvoice boolean
    currency ref Currency
    periodType enum Current|Future|Both|Undefined
    autoInvoiceFlag boolean
    nextInvoiceDate datetime
    companyLocation ref SystemLocation
    _info info
    customFields customFields
    agreementStatus enum Active|Cancelled|Expired|Inactive
  `,
};
