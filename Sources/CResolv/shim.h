#ifndef CRESOLV_SHIM_H
#define CRESOLV_SHIM_H
/* Static inline wrappers for the parts of libresolv Swift cannot import. No logic. */
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <resolv.h>
#include <netdb.h>
#include <string.h>
#include <stdlib.h>
#include <errno.h>

static inline int cres_ninit(res_state s) { return res_ninit(s); }
static inline void cres_nclose(res_state s) { res_nclose(s); }
static inline int cres_errno(void) { return errno; }
static inline void cres_set_errno(int e) { errno = e; }

/* Replace the nameserver list with `count` servers (ip + port each, IPv4 or IPv6).
   Call right after res_ninit. Returns the index of the first bad address, or -1 on success. */
static inline int cres_set_nameservers(res_state s, const char *const *ips,
                                       const unsigned short *ports, int count) {
  if (count > MAXNS) count = MAXNS;
  for (int i = 0; i < MAXNS; i++)
    if (s->_u._ext.nsaddrs[i] != NULL) { free(s->_u._ext.nsaddrs[i]); s->_u._ext.nsaddrs[i] = NULL; }
  s->_u._ext.nscount = 0;
  memset(s->nsaddr_list, 0, sizeof s->nsaddr_list);
  for (int i = 0; i < count; i++) {
    struct in_addr a4; struct in6_addr a6;
    if (inet_pton(AF_INET, ips[i], &a4) == 1) {
      s->nsaddr_list[i].sin_family = AF_INET;
      s->nsaddr_list[i].sin_port = htons(ports[i]);
      s->nsaddr_list[i].sin_addr = a4;
    } else if (inet_pton(AF_INET6, ips[i], &a6) == 1) {
      struct sockaddr_in6 *sa6 = calloc(1, sizeof *sa6);
      if (!sa6) return i;
      sa6->sin6_family = AF_INET6; sa6->sin6_port = htons(ports[i]); sa6->sin6_addr = a6;
      s->_u._ext.nsaddrs[i] = sa6;
    } else {
      return i;
    }
  }
  s->nscount = count;
  return -1;
}
/* The i-th nameserver of an initialised state as text (buf) and port. Returns 0, or -1 when
   slot i is unset. IPv4 servers sit in nsaddr_list, IPv6 ones in the malloc'd _ext.nsaddrs. */
static inline int cres_get_nameserver(res_state s, int i, char *buf, socklen_t len,
                                      unsigned short *port) {
  if (i < 0 || i >= s->nscount || i >= MAXNS) return -1;
  if (s->nsaddr_list[i].sin_family == AF_INET) {
    if (inet_ntop(AF_INET, &s->nsaddr_list[i].sin_addr, buf, len) == NULL) return -1;
    *port = ntohs(s->nsaddr_list[i].sin_port);
    return 0;
  }
  struct sockaddr_in6 *sa6 = s->_u._ext.nsaddrs[i];
  if (sa6 != NULL && sa6->sin6_family == AF_INET6) {
    if (inet_ntop(AF_INET6, &sa6->sin6_addr, buf, len) == NULL) return -1;
    *port = ntohs(sa6->sin6_port);
    return 0;
  }
  return -1;
}
static inline int cres_msg_count(const ns_msg *m, ns_sect sect) { return ns_msg_count(*m, sect); }
static inline int cres_msg_rcode(const ns_msg *m) { return ns_msg_getflag(*m, ns_f_rcode); }
static inline const unsigned char *cres_msg_base(const ns_msg *m) { return ns_msg_base(*m); }
static inline const unsigned char *cres_msg_end(const ns_msg *m) { return ns_msg_end(*m); }
static inline const char *cres_rr_name(const ns_rr *rr) { return ns_rr_name(*rr); }
static inline int cres_rr_type(const ns_rr *rr) { return ns_rr_type(*rr); }
static inline int cres_rr_class(const ns_rr *rr) { return ns_rr_class(*rr); }
static inline unsigned int cres_rr_ttl(const ns_rr *rr) { return ns_rr_ttl(*rr); }
static inline int cres_rr_rdlen(const ns_rr *rr) { return ns_rr_rdlen(*rr); }
static inline const unsigned char *cres_rr_rdata(const ns_rr *rr) { return ns_rr_rdata(*rr); }
static inline int cres_hdr_qr(const unsigned char *b) { return (b[2] >> 7) & 1; }
static inline int cres_hdr_tc(const unsigned char *b) { return (b[2] >> 1) & 1; }
static inline int cres_hdr_rcode(const unsigned char *b) { return b[3] & 0x0f; }
#endif
