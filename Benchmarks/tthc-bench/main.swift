import TTHCKit
print("tthc-bench")
