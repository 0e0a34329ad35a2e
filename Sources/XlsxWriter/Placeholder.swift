// XlsxWriter module
