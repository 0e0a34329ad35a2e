// XlsxReader module
