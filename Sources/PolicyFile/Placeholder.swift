// PolicyFile module
