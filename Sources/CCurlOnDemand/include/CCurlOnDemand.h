#ifndef SENDERAUTH_CURL_ON_DEMAND_H
#define SENDERAUTH_CURL_ON_DEMAND_H

/// Loads libcurl (once; safe from any thread): 1 when it is there, 0 when not. Then
/// `senderauth_curl_problem` says why, in one line.
int senderauth_curl_load(void);

/// Why libcurl could not be loaded (the loader's message); empty when it was.
const char *senderauth_curl_problem(void);

#endif
