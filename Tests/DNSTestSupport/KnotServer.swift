import DNSLookup
