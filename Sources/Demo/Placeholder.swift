// Demo module
