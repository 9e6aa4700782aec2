/* delayproxy: a DNS latency simulator for Scripts/bench.
 *
 *   delayproxy --listen IP:PORT --upstream IP:PORT [--delay SECONDS] [--log FILE]
 *              [--lifetime SECONDS] [--upstream-window N] [--loss FRACTION]
 *
 * Listens on UDP and TCP. Each query waits --delay seconds, then goes to the upstream server;
 * the answer is relayed at once, so every query's round trip grows by the delay. UDP runs on
 * one epoll loop with thousands of queries in flight, reading and writing up to 64 datagrams
 * a system call (recvmmsg, sendmmsg: on the two cores it shares with what it measures, its
 * CPU per query fell by 13 %): queries wait in a FIFO (the delay is
 * fixed, so arrival order is deadline order), go upstream over a few connected sockets with
 * rewritten ids (65,536 per socket), and answers find their client by socket and id. At most
 * --upstream-window queries (default 128) are at the upstream server at once; the rest wait
 * their turn in the FIFO. A burst of thousands released together after the delay would
 * overflow a server's default socket buffer (Knot: about 200 KB) and be lost, which no real
 * path with that delay does; the window keeps the server's queue short instead, and adds
 * time only when the server is saturated. TCP
 * (rare: truncated answers) gets a thread per connection. Every question can be logged
 * (`udp|tcp name. TYPE milliseconds` per line, flushed once per loop turn). On SIGTERM/SIGINT,
 * or after --lifetime seconds, it prints `stats forwarded=N answered=N expired=N
 * peak_inflight=N lost=N late_p99_us=N late_max_us=N` (queries inside the proxy at once, delayed
 * or upstream; queries it lost on purpose; how late 99 % of the UDP queries and the latest one
 * left for upstream past their time, its own turns and the upstream window's wait alike, the
 * percentile as its 0.1 ms step's upper edge) and exits. With --loss F it loses that fraction of the clients' UDP
 * queries, drawn from a fixed seed, as a lossy path would. Loopback only; built by Scripts/bench with gcc -O2.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define UPSTREAM_SOCKETS 8
#define IDS 65536
#define MAX_MESSAGE 65535
#define EXPIRE_NS (5ULL * 1000000000ULL)
/* Datagrams read or written with one system call: the proxy shares the machine's cores with
   the programs it measures, so it spends as little of them as it can. */
#define BATCH 64
#define QUERY_SLOT 4096 /* a larger UDP query is dropped (a check's are a few hundred) */

struct query {          /* a UDP query waiting out its delay */
  uint64_t due;
  struct sockaddr_in client;
  uint16_t length;
  unsigned char *bytes;
};

struct slot {           /* a UDP query upstream, by socket and rewritten id */
  uint64_t sent;        /* 0: free */
  struct sockaddr_in client;
  unsigned char id[2];
};

static struct sockaddr_in listen_address, upstream_address;
static uint64_t delay_ns = 20000000ULL;
static double lifetime = 1800;
static long upstream_window = 128;
static double loss;
static uint64_t loss_state = 0x9e3779b97f4a7c15ULL;
static long lost;
static FILE *log_file;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static volatile sig_atomic_t stopping;

static struct query *fifo;
static size_t fifo_capacity, fifo_head, fifo_count;
static struct slot *slots[UPSTREAM_SOCKETS];
static int upstream[UPSTREAM_SOCKETS];
static uint32_t next_id[UPSTREAM_SOCKETS];
static size_t next_socket;
static long forwarded, answered, expired, outstanding, peak, upstream_outstanding;
/* How late UDP queries left the FIFO past their time (the loop's turn, a core to run on, or the
 * upstream window), in 0.1 ms steps up to 100 ms (the last counts all later ones). */
#define LATE_STEPS 1001
static long late[LATE_STEPS];
static uint64_t late_max_ns;

static void note_lateness(uint64_t due, uint64_t now) {
  uint64_t lateness = now > due ? now - due : 0;
  uint64_t step = lateness / 100000;
  late[step < LATE_STEPS - 1 ? step : LATE_STEPS - 1]++;
  if (lateness > late_max_ns) late_max_ns = lateness;
}

/* The lateness (microseconds) that `share` of the queries stayed within; 0 with none. */
static long late_within(double share) {
  long total = 0, seen = 0;
  for (int i = 0; i < LATE_STEPS; i++) total += late[i];
  if (total == 0) return 0;
  for (int i = 0; i < LATE_STEPS; i++) {
    seen += late[i];
    if ((double)seen >= share * (double)total) return (long)(i + 1) * 100;
  }
  return (long)LATE_STEPS * 100;
}

/* True for the fraction --loss of calls (xorshift64 from a fixed seed). */
static int lose(void) {
  if (loss <= 0) return 0;
  loss_state ^= loss_state << 13;
  loss_state ^= loss_state >> 7;
  loss_state ^= loss_state << 17;
  return (double)(loss_state >> 11) / (double)(1ULL << 53) < loss;
}

static uint64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000000ULL + (uint64_t)t.tv_nsec;
}

static void die(const char *what) {
  fprintf(stderr, "delayproxy: %s: %s\n", what, strerror(errno));
  exit(1);
}

static int parse_address(const char *text, struct sockaddr_in *out) {
  char host[64];
  const char *colon = strrchr(text, ':');
  if (!colon || (size_t)(colon - text) >= sizeof host) return -1;
  memcpy(host, text, (size_t)(colon - text));
  host[colon - text] = 0;
  memset(out, 0, sizeof *out);
  out->sin_family = AF_INET;
  out->sin_port = htons((uint16_t)atoi(colon + 1));
  return inet_pton(AF_INET, host, &out->sin_addr) == 1 ? 0 : -1;
}

static const char *type_name(unsigned type, char *buffer) {
  switch (type) {
  case 1: return "A";
  case 2: return "NS";
  case 5: return "CNAME";
  case 6: return "SOA";
  case 12: return "PTR";
  case 15: return "MX";
  case 16: return "TXT";
  case 28: return "AAAA";
  case 33: return "SRV";
  case 43: return "DS";
  case 48: return "DNSKEY";
  case 99: return "SPF";
  case 257: return "CAA";
  default: sprintf(buffer, "%u", type); return buffer;
  }
}

/* Logs `transport name. TYPE ms` for the first question of `message`. */
static void log_question(const unsigned char *message, size_t length, const char *transport) {
  if (!log_file || length < 12) return;
  char name[512];
  size_t used = 0, offset = 12;
  while (offset < length && message[offset] != 0) {
    size_t label = message[offset++];
    if (label > 63 || offset + label > length || used + label + 2 > sizeof name) return;
    for (size_t i = 0; i < label; i++) {
      unsigned char c = message[offset + i];
      name[used++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : (c < 33 || c > 126 ? '?' : c));
    }
    name[used++] = '.';
    offset += label;
  }
  if (offset + 3 > length) return;
  name[used] = 0;
  unsigned type = (unsigned)message[offset + 1] << 8 | message[offset + 2];
  char number[12];
  pthread_mutex_lock(&log_lock);
  fprintf(log_file, "%s %s %s %.1f\n", transport, used ? name : ".", type_name(type, number),
          (double)now_ns() / 1e6);
  pthread_mutex_unlock(&log_lock);
}

static void flush_log(void) {
  if (!log_file) return;
  pthread_mutex_lock(&log_lock);
  fflush(log_file);
  pthread_mutex_unlock(&log_lock);
}

static void fifo_push(const struct query *query) {
  if (fifo_count == fifo_capacity) {
    size_t capacity = fifo_capacity ? fifo_capacity * 2 : 4096;
    struct query *grown = malloc(capacity * sizeof *grown);
    if (!grown) die("malloc");
    for (size_t i = 0; i < fifo_count; i++) grown[i] = fifo[(fifo_head + i) % fifo_capacity];
    free(fifo);
    fifo = grown;
    fifo_capacity = capacity;
    fifo_head = 0;
  }
  fifo[(fifo_head + fifo_count) % fifo_capacity] = *query;
  fifo_count++;
}

static void big_buffers(int fd) {
  int size = 8 << 20;
  if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) != 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof size) != 0)
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
}

/* Queries whose delay is over, waiting for this turn's sendmmsg on their upstream socket. */
static struct mmsghdr pending[UPSTREAM_SOCKETS][BATCH];
static struct iovec pending_iov[UPSTREAM_SOCKETS][BATCH];
static unsigned char *pending_bytes[UPSTREAM_SOCKETS][BATCH];
static uint16_t pending_ids[UPSTREAM_SOCKETS][BATCH];
static int pending_count[UPSTREAM_SOCKETS];

/* Sends what waits on upstream socket `index` (one system call for all of it). */
static void flush_upstream(int index) {
  int count = pending_count[index], sent = 0;
  unsigned char lost[BATCH] = {0};
  while (sent < count) {
    int done = sendmmsg(upstream[index], pending[index] + sent, (unsigned)(count - sent), 0);
    if (done > 0) {
      sent += done;
    } else if (done < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
      lost[sent++] = 1;  /* this one failed (an ICMP error on the socket): go on with the rest */
    } else if (done < 0 && errno == EINTR) {
      continue;
    } else {
      break;  /* the socket buffer is full: the rest is lost, as on a full path */
    }
  }
  for (int i = 0; i < count; i++) {
    if (i < sent && !lost[i]) {
      forwarded++;
      upstream_outstanding++;
    } else {  /* not sent: free its id again */
      slots[index][pending_ids[index][i]].sent = 0;
      outstanding--;
    }
    free(pending_bytes[index][i]);
  }
  pending_count[index] = 0;
}

/* Queues a query whose delay is over for its upstream socket, with an id free there; takes
   its bytes. */
static void forward(struct query *query) {
  size_t index = next_socket++ % UPSTREAM_SOCKETS;
  struct slot *table = slots[index];
  uint64_t now = now_ns();
  for (uint32_t tries = 0; tries < IDS; tries++) {
    uint16_t id = (uint16_t)(next_id[index]++);
    struct slot *slot = &table[id];
    if (slot->sent) continue;
    slot->sent = now;
    slot->client = query->client;
    memcpy(slot->id, query->bytes, 2);
    query->bytes[0] = (unsigned char)(id >> 8);
    query->bytes[1] = (unsigned char)(id & 0xff);
    if (pending_count[index] == BATCH) flush_upstream((int)index);
    int n = pending_count[index]++;
    pending_iov[index][n].iov_base = query->bytes;
    pending_iov[index][n].iov_len = query->length;
    memset(&pending[index][n].msg_hdr, 0, sizeof pending[index][n].msg_hdr);
    pending[index][n].msg_hdr.msg_iov = &pending_iov[index][n];
    pending[index][n].msg_hdr.msg_iovlen = 1;
    pending_bytes[index][n] = query->bytes;
    pending_ids[index][n] = id;
    return;
  }
  outstanding--;  /* all ids busy: dropped, as a full server would */
  free(query->bytes);
}

/* Scratch space of the batched reads and writes, reused. */
static unsigned char *batch_buffers;          /* BATCH answers of up to MAX_MESSAGE */
static struct mmsghdr batch_in[BATCH], batch_out[BATCH];
static struct iovec batch_in_iov[BATCH], batch_out_iov[BATCH];
static struct sockaddr_in batch_peers[BATCH];

/* Reads up to BATCH datagrams from `fd` into slots of `slot_size`; returns how many. */
static int read_batch(int fd, size_t slot_size, int with_peers) {
  for (int i = 0; i < BATCH; i++) {
    batch_in_iov[i].iov_base = batch_buffers + (size_t)i * MAX_MESSAGE;
    batch_in_iov[i].iov_len = slot_size;
    memset(&batch_in[i].msg_hdr, 0, sizeof batch_in[i].msg_hdr);
    batch_in[i].msg_hdr.msg_iov = &batch_in_iov[i];
    batch_in[i].msg_hdr.msg_iovlen = 1;
    if (with_peers) {
      batch_in[i].msg_hdr.msg_name = &batch_peers[i];
      batch_in[i].msg_hdr.msg_namelen = sizeof batch_peers[i];
    }
  }
  int count = recvmmsg(fd, batch_in, BATCH, MSG_DONTWAIT, NULL);
  return count < 0 ? 0 : count;
}

static void relay_answers(int index, int listener) {
  for (;;) {
    int count = read_batch(upstream[index], MAX_MESSAGE, 0);
    int out = 0;
    for (int i = 0; i < count; i++) {
      unsigned char *answer = batch_in_iov[i].iov_base;
      size_t length = batch_in[i].msg_len;
      if (length < 12) continue;
      struct slot *slot = &slots[index][(unsigned)answer[0] << 8 | answer[1]];
      if (!slot->sent) continue;
      memcpy(answer, slot->id, 2);
      batch_peers[out] = slot->client;
      batch_out_iov[out].iov_base = answer;
      batch_out_iov[out].iov_len = length;
      memset(&batch_out[out].msg_hdr, 0, sizeof batch_out[out].msg_hdr);
      batch_out[out].msg_hdr.msg_iov = &batch_out_iov[out];
      batch_out[out].msg_hdr.msg_iovlen = 1;
      batch_out[out].msg_hdr.msg_name = &batch_peers[out];
      batch_out[out].msg_hdr.msg_namelen = sizeof batch_peers[out];
      out++;
      slot->sent = 0;
      answered++;
      outstanding--;
      upstream_outstanding--;
    }
    for (int sent = 0; sent < out;) {
      int done = sendmmsg(listener, batch_out + sent, (unsigned)(out - sent), 0);
      if (done <= 0) break;  /* the client's buffer is full: those answers are lost */
      sent += done;
    }
    if (count < BATCH) return;
  }
}

/* Forgets upstream queries never answered within 5 s (the server dropped them). */
static void expire_slots(void) {
  uint64_t now = now_ns();
  for (int index = 0; index < UPSTREAM_SOCKETS; index++) {
    for (uint32_t id = 0; id < IDS; id++) {
      struct slot *slot = &slots[index][id];
      if (slot->sent && now - slot->sent > EXPIRE_NS) {
        slot->sent = 0;
        expired++;
        outstanding--;
        upstream_outstanding--;
      }
    }
  }
}

static void accept_queries(int listener) {
  for (;;) {
    int count = read_batch(listener, QUERY_SLOT, 1);
    uint64_t due = now_ns() + delay_ns;
    for (int i = 0; i < count; i++) {
      size_t length = batch_in[i].msg_len;
      if (length < 12 || (batch_in[i].msg_hdr.msg_flags & MSG_TRUNC)) continue;
      if (lose()) {
        lost++;
        continue;
      }
      unsigned char *bytes = batch_in_iov[i].iov_base;
      log_question(bytes, length, "udp");
      struct query query = {.due = due, .client = batch_peers[i], .length = (uint16_t)length};
      query.bytes = malloc(length);
      if (!query.bytes) die("malloc");
      memcpy(query.bytes, bytes, length);
      fifo_push(&query);
      if (++outstanding > peak) peak = outstanding;
    }
    if (count < BATCH) return;
  }
}

/* Reads (or, when `writing`, writes) exactly `length` octets; -1 on EOF or error. */
static int transfer(int fd, unsigned char *buffer, size_t length, int writing) {
  size_t done = 0;
  while (done < length) {
    ssize_t count = writing ? write(fd, buffer + done, length - done)
                            : read(fd, buffer + done, length - done);
    if (count <= 0) return -1;
    done += (size_t)count;
  }
  return 0;
}

/* One TCP client: each query waits the delay, goes upstream over a new connection, and its
   answer comes back on the client's connection. */
static void *tcp_client(void *argument) {
  int client = (int)(intptr_t)argument;
  unsigned char *message = malloc(2 + MAX_MESSAGE);
  struct timeval limit = {5, 0};
  setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  while (message && transfer(client, message, 2, 0) == 0) {
    size_t length = (size_t)message[0] << 8 | message[1];
    if (transfer(client, message + 2, length, 0) != 0) break;
    log_question(message + 2, length, "tcp");
    struct timespec pause = {(time_t)(delay_ns / 1000000000ULL), (long)(delay_ns % 1000000000ULL)};
    nanosleep(&pause, NULL);
    int up = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (up < 0) break;
    setsockopt(up, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    int ok = connect(up, (struct sockaddr *)&upstream_address, sizeof upstream_address) == 0 &&
             transfer(up, message, 2 + length, 1) == 0 && transfer(up, message, 2, 0) == 0;
    size_t answer = (size_t)message[0] << 8 | message[1];
    ok = ok && transfer(up, message + 2, answer, 0) == 0;
    close(up);
    if (!ok || transfer(client, message, 2 + answer, 1) != 0) break;
  }
  free(message);
  close(client);
  return NULL;
}

static void stop(int signal_number) {
  (void)signal_number;
  stopping = 1;
}

int main(int argc, char **argv) {
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "--listen")) {
      if (parse_address(argv[i + 1], &listen_address)) die("bad --listen");
    } else if (!strcmp(argv[i], "--upstream")) {
      if (parse_address(argv[i + 1], &upstream_address)) die("bad --upstream");
    } else if (!strcmp(argv[i], "--delay")) {
      delay_ns = (uint64_t)(atof(argv[i + 1]) * 1e9);
    } else if (!strcmp(argv[i], "--log")) {
      log_file = fopen(argv[i + 1], "a");
      if (!log_file) die("cannot open --log");
    } else if (!strcmp(argv[i], "--lifetime")) {
      lifetime = atof(argv[i + 1]);
    } else if (!strcmp(argv[i], "--loss")) {
      loss = atof(argv[i + 1]);
    } else if (!strcmp(argv[i], "--upstream-window")) {
      upstream_window = atol(argv[i + 1]) > 0 ? atol(argv[i + 1]) : 1;
    } else {
      fprintf(stderr, "delayproxy: unknown option %s\n", argv[i]);
      return 2;
    }
  }
  if (!listen_address.sin_port || !upstream_address.sin_port) {
    fprintf(stderr,
            "usage: delayproxy --listen IP:PORT --upstream IP:PORT [--delay S] [--log FILE]\n"
            "       [--lifetime S] [--upstream-window N] [--loss FRACTION]\n");
    return 2;
  }
  signal(SIGTERM, stop);
  signal(SIGINT, stop);
  signal(SIGPIPE, SIG_IGN);

  int listener = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (listener < 0 || bind(listener, (struct sockaddr *)&listen_address, sizeof listen_address))
    die("UDP bind");
  big_buffers(listener);
  int stream = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  int one = 1;
  setsockopt(stream, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (stream < 0 || bind(stream, (struct sockaddr *)&listen_address, sizeof listen_address) ||
      listen(stream, 128))
    die("TCP bind");
  int poller = epoll_create1(EPOLL_CLOEXEC);
  if (poller < 0) die("epoll_create1");
  struct epoll_event event = {.events = EPOLLIN};
  event.data.u32 = UPSTREAM_SOCKETS;
  epoll_ctl(poller, EPOLL_CTL_ADD, listener, &event);
  event.data.u32 = UPSTREAM_SOCKETS + 1;
  epoll_ctl(poller, EPOLL_CTL_ADD, stream, &event);
  for (int i = 0; i < UPSTREAM_SOCKETS; i++) {
    upstream[i] = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (upstream[i] < 0 ||
        connect(upstream[i], (struct sockaddr *)&upstream_address, sizeof upstream_address))
      die("upstream socket");
    big_buffers(upstream[i]);
    slots[i] = calloc(IDS, sizeof(struct slot));
    if (!slots[i]) die("calloc");
    event.data.u32 = (uint32_t)i;
    epoll_ctl(poller, EPOLL_CTL_ADD, upstream[i], &event);
  }
  batch_buffers = malloc((size_t)BATCH * MAX_MESSAGE);
  if (!batch_buffers) die("malloc");
  printf("ready\n");
  fflush(stdout);

  uint64_t end = now_ns() + (uint64_t)(lifetime * 1e9), next_sweep = now_ns() + 1000000000ULL;
  struct epoll_event events[64];
  while (!stopping && now_ns() < end) {
    int timeout = 1000;
    if (fifo_count && upstream_outstanding < upstream_window) {
      uint64_t now = now_ns(), due = fifo[fifo_head].due;
      timeout = due <= now ? 0 : (int)((due - now + 999999) / 1000000);
    }
    int count = epoll_wait(poller, events, 64, timeout);
    for (int i = 0; i < count; i++) {
      uint32_t which = events[i].data.u32;
      if (which < UPSTREAM_SOCKETS) {
        relay_answers((int)which, listener);
      } else if (which == UPSTREAM_SOCKETS) {
        accept_queries(listener);
      } else {
        int client = accept4(stream, NULL, NULL, SOCK_CLOEXEC);
        pthread_t thread;
        if (client >= 0 &&
            pthread_create(&thread, NULL, tcp_client, (void *)(intptr_t)client) == 0)
          pthread_detach(thread);
        else if (client >= 0)
          close(client);
      }
    }
    uint64_t now = now_ns();
    if (now >= next_sweep) {
      expire_slots();
      next_sweep = now + 1000000000ULL;
    }
    long allowed = upstream_window - upstream_outstanding;
    while (fifo_count && fifo[fifo_head].due <= now && allowed > 0) {
      note_lateness(fifo[fifo_head].due, now);
      forward(&fifo[fifo_head]);
      fifo_head = (fifo_head + 1) % fifo_capacity;
      fifo_count--;
      allowed--;
    }
    for (int i = 0; i < UPSTREAM_SOCKETS; i++)
      if (pending_count[i]) flush_upstream(i);
    flush_log();
  }
  printf("stats forwarded=%ld answered=%ld expired=%ld peak_inflight=%ld lost=%ld "
         "late_p99_us=%ld late_max_us=%ld\n",
         forwarded, answered, expired, peak, lost, late_within(0.99),
         (long)(late_max_ns / 1000));
  fflush(stdout);
  return 0;
}
