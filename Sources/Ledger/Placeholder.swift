// Ledger module
