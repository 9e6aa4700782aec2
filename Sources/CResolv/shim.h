#ifndef CRESOLV_SHIM_H
#define CRESOLV_SHIM_H
/* What Swift cannot import from libresolv and Linux: headers its Glibc module leaves out, and
   one-line wrappers for macros and functions it does not see. No logic. */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <resolv.h>
#include <netdb.h>
#include <sys/syscall.h>
#include <sys/random.h>
#include <unistd.h>

static inline int cres_ninit(res_state s) { return res_ninit(s); }
static inline void cres_nclose(res_state s) { res_nclose(s); }
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
/* sendmmsg(2) and recvmmsg(2), which glibc declares only for _GNU_SOURCE (the Glibc module
   leaves them out): the kernel's struct mmsghdr, and the system calls. */
struct cres_mmsghdr { struct msghdr msg_hdr; unsigned int msg_len; };
static inline int cres_sendmmsg(int fd, struct cres_mmsghdr *messages, unsigned int count,
                                int flags) {
  return (int)syscall(SYS_sendmmsg, fd, messages, count, flags);
}
static inline int cres_recvmmsg(int fd, struct cres_mmsghdr *messages, unsigned int count,
                                int flags) {
  return (int)syscall(SYS_recvmmsg, fd, messages, count, flags, (void *)0);
}
#endif
