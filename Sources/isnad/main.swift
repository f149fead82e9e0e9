print("isnad")
