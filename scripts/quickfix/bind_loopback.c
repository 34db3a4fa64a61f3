/* LD_PRELOAD shim (the project's own copy, built by scripts/quickfix/prepare): QuickFIX
 * 1.15.1 acceptors bind INADDR_ANY (there is no SocketAcceptHost setting in that version).  This rewrites any IPv4 bind to
 * 0.0.0.0 into a bind to 127.0.0.1 so the simulator listens on loopback only.
 * Build: gcc -shared -fPIC -O2 -o bind_loopback.so bind_loopback.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
    static int (*real_bind)(int, const struct sockaddr *, socklen_t);
    if (!real_bind)
        real_bind = (int (*)(int, const struct sockaddr *, socklen_t))dlsym(RTLD_NEXT, "bind");
    if (addr && addr->sa_family == AF_INET && len >= (socklen_t)sizeof(struct sockaddr_in)) {
        struct sockaddr_in a;
        memcpy(&a, addr, sizeof a);
        if (a.sin_addr.s_addr == htonl(INADDR_ANY)) {
            a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            return real_bind(fd, (const struct sockaddr *)&a, sizeof a);
        }
    }
    return real_bind(fd, addr, len);
}
