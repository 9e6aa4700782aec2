print("senderauth: the command-line front end is being wired")
