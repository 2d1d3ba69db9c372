-- The sync service keeps its store in its own database beside Temporal's.
CREATE DATABASE sync;
