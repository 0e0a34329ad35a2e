// CloseRunner module
