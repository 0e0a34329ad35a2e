print("salesclose")
