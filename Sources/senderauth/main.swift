print("senderauth")
