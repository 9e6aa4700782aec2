// libcurl, loaded when the first HTTPS fetch needs it rather than when the process starts.
//
// FoundationNetworking (URLSession on Linux) calls the 23 libcurl functions below. Linked
// against libcurl, every run maps and relocates libcurl and the 30 libraries it needs
// (OpenSSL, GnuTLS, Kerberos, LDAP, ...) before `main`: about 5 ms of a 14 ms check, though
// most checks fetch nothing over HTTPS. These definitions take the linker's place: the
// FoundationNetworking in the executable binds to them, `link/libcurl.so` (first on the
// library path, Package.swift) turns its `-lcurl` into an as-needed libcurl.so.4 that nothing
// needs, and the first call loads libcurl.so.4 with `dlopen` and forwards to it. Without
// libcurl, URLSession would crash (FoundationNetworking traps on a failed global init and reads
// `curl_version_info` unchecked): the HTTPS client asks `senderauth_curl_load` before it makes
// one, and reports the fetches as not made.
//
// The definitions are hidden: the executable exports its symbols (`-export-dynamic` of the
// static Swift runtime), and libcurl calls several of these functions itself, which would
// otherwise bind to the forwarders here.
//
// The types are libcurl's, by their ABI: its handles are pointers, CURLcode and the option
// enums are ints, curl_socket_t an int. The options of `curl_easy_setopt`, `curl_easy_getinfo`
// and `curl_multi_setopt` take one argument each, a long, a pointer, a function pointer or a
// curl_off_t (libcurl's documentation; FoundationNetworking passes no double): on x86-64 and
// AArch64 Linux each is passed as one 64-bit integer register value, so it is read as one and
// passed on as one.
#if defined(__linux__)
#include "CCurlOnDemand.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

_Static_assert(sizeof(long) == 8 && sizeof(void *) == 8 && sizeof(uintptr_t) == 8,
               "the variadic options are forwarded as one 64-bit value");

#pragma GCC visibility push(hidden)

enum {
  EASY_CLEANUP, EASY_GETINFO, EASY_INIT, EASY_PAUSE, EASY_SETOPT, EASY_STRERROR, FREE,
  GLOBAL_INIT, MULTI_ADD_HANDLE, MULTI_ASSIGN, MULTI_CLEANUP, MULTI_INFO_READ, MULTI_INIT,
  MULTI_REMOVE_HANDLE, MULTI_SETOPT, MULTI_SOCKET_ACTION, SLIST_APPEND, SLIST_FREE_ALL, URL,
  URL_GET, URL_SET, VERSION, VERSION_INFO, FUNCTIONS
};

static const char *const names[FUNCTIONS] = {
  "curl_easy_cleanup", "curl_easy_getinfo", "curl_easy_init", "curl_easy_pause",
  "curl_easy_setopt", "curl_easy_strerror", "curl_free", "curl_global_init",
  "curl_multi_add_handle", "curl_multi_assign", "curl_multi_cleanup", "curl_multi_info_read",
  "curl_multi_init", "curl_multi_remove_handle", "curl_multi_setopt",
  "curl_multi_socket_action", "curl_slist_append", "curl_slist_free_all", "curl_url",
  "curl_url_get", "curl_url_set", "curl_version", "curl_version_info",
};

static void *functions[FUNCTIONS];
static int loaded;
static char problem[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
  // Looked up through the handle: libcurl's own functions, never the forwarders here.
  void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    const char *why = dlerror();
    snprintf(problem, sizeof problem, "%s", why ? why : "libcurl.so.4: cannot be loaded");
    return;
  }
  for (int index = 0; index < FUNCTIONS; index++) {
    functions[index] = dlsym(library, names[index]);
    if (!functions[index]) {
      snprintf(problem, sizeof problem, "libcurl.so.4 has no %s (libcurl 7.62 or later needed)",
               names[index]);
      return;
    }
  }
  loaded = 1;
}

int senderauth_curl_load(void) {
  pthread_once(&once, load);
  return loaded;
}

const char *senderauth_curl_problem(void) {
  pthread_once(&once, load);
  return problem;
}

// The failures the forwarders return when libcurl is missing. URLSession is not made then
// (it would crash); these only keep any other call from jumping through a null pointer.
#define CURLE_FAILED_INIT 2
#define CURLM_INTERNAL_ERROR 4
#define CURLUE_OUT_OF_MEMORY 7

#define FORWARD(index, type) ((type)functions[index])
#define READY() senderauth_curl_load()

void curl_easy_cleanup(void *handle) {
  if (READY()) FORWARD(EASY_CLEANUP, void (*)(void *))(handle);
}

// The three functions that take one option and its one argument: read as one 64-bit value and
// passed on as one (see the top of the file).
#define FORWARD_OPTION(function, index, failure)                                \
  int function(void *handle, int option, ...) {                                 \
    va_list arguments;                                                          \
    va_start(arguments, option);                                                \
    uintptr_t argument = va_arg(arguments, uintptr_t);                          \
    va_end(arguments);                                                          \
    if (!READY()) return failure;                                               \
    return FORWARD(index, int (*)(void *, int, ...))(handle, option, argument); \
  }

FORWARD_OPTION(curl_easy_getinfo, EASY_GETINFO, CURLE_FAILED_INIT)
FORWARD_OPTION(curl_easy_setopt, EASY_SETOPT, CURLE_FAILED_INIT)
FORWARD_OPTION(curl_multi_setopt, MULTI_SETOPT, CURLM_INTERNAL_ERROR)

void *curl_easy_init(void) {
  return READY() ? FORWARD(EASY_INIT, void *(*)(void))() : NULL;
}

int curl_easy_pause(void *handle, int bitmask) {
  if (!READY()) return CURLE_FAILED_INIT;
  return FORWARD(EASY_PAUSE, int (*)(void *, int))(handle, bitmask);
}

const char *curl_easy_strerror(int code) {
  if (!READY()) return "libcurl is not loaded";
  return FORWARD(EASY_STRERROR, const char *(*)(int))(code);
}

void curl_free(void *pointer) {
  if (READY()) FORWARD(FREE, void (*)(void *))(pointer);
}

int curl_global_init(long flags) {
  if (!READY()) return CURLE_FAILED_INIT;
  return FORWARD(GLOBAL_INIT, int (*)(long))(flags);
}

int curl_multi_add_handle(void *multi, void *handle) {
  if (!READY()) return CURLM_INTERNAL_ERROR;
  return FORWARD(MULTI_ADD_HANDLE, int (*)(void *, void *))(multi, handle);
}

int curl_multi_assign(void *multi, int socket, void *pointer) {
  if (!READY()) return CURLM_INTERNAL_ERROR;
  return FORWARD(MULTI_ASSIGN, int (*)(void *, int, void *))(multi, socket, pointer);
}

int curl_multi_cleanup(void *multi) {
  if (!READY()) return CURLM_INTERNAL_ERROR;
  return FORWARD(MULTI_CLEANUP, int (*)(void *))(multi);
}

void *curl_multi_info_read(void *multi, int *waiting) {
  if (!READY()) return NULL;
  return FORWARD(MULTI_INFO_READ, void *(*)(void *, int *))(multi, waiting);
}

void *curl_multi_init(void) {
  return READY() ? FORWARD(MULTI_INIT, void *(*)(void))() : NULL;
}

int curl_multi_remove_handle(void *multi, void *handle) {
  if (!READY()) return CURLM_INTERNAL_ERROR;
  return FORWARD(MULTI_REMOVE_HANDLE, int (*)(void *, void *))(multi, handle);
}

int curl_multi_socket_action(void *multi, int socket, int events, int *running) {
  if (!READY()) return CURLM_INTERNAL_ERROR;
  return FORWARD(MULTI_SOCKET_ACTION, int (*)(void *, int, int, int *))(
    multi, socket, events, running);
}

void *curl_slist_append(void *list, const char *text) {
  if (!READY()) return NULL;
  return FORWARD(SLIST_APPEND, void *(*)(void *, const char *))(list, text);
}

void curl_slist_free_all(void *list) {
  if (READY()) FORWARD(SLIST_FREE_ALL, void (*)(void *))(list);
}

void *curl_url(void) {
  return READY() ? FORWARD(URL, void *(*)(void))() : NULL;
}

int curl_url_get(const void *url, int part, char **text, unsigned flags) {
  if (!READY()) return CURLUE_OUT_OF_MEMORY;
  return FORWARD(URL_GET, int (*)(const void *, int, char **, unsigned))(url, part, text, flags);
}

int curl_url_set(void *url, int part, const char *text, unsigned flags) {
  if (!READY()) return CURLUE_OUT_OF_MEMORY;
  return FORWARD(URL_SET, int (*)(void *, int, const char *, unsigned))(url, part, text, flags);
}

char *curl_version(void) {
  static char missing[] = "libcurl (not loaded)";
  return READY() ? FORWARD(VERSION, char *(*)(void))() : missing;
}

void *curl_version_info(int age) {
  return READY() ? FORWARD(VERSION_INFO, void *(*)(int))(age) : NULL;
}

#pragma GCC visibility pop
#endif
