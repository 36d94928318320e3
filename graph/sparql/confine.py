"""Confine the process that evaluates queries: no network, bounded memory, by the operating system.

A query engine can be told to fetch (SPARQL SERVICE, FROM <url> in rdflib, LOAD) and its HTTP client
is not Python's, so no check in Python can be the last line. `confine()` makes connecting impossible
for this process and its threads, whatever code asks:

1. a new network namespace with no interface up (unshare(CLONE_NEWNET), needs root or a user
   namespace): there is no route anywhere, not even to 127.0.0.1;
2. a seccomp filter that fails socket(), connect() and io_uring_setup() with EPERM (works unprivileged
   once no_new_privs is set), so even an inherited namespace with interfaces is unreachable;
3. RLIMIT_AS, a cap on the address space, so a query that builds a huge intermediate result fails
   to allocate instead of exhausting the machine.

Both 1 and 2 are applied where the kernel allows; if it refuses both, ConfinementError says so and
the caller refuses to serve rather than run unconfined. Python 3.11 has no os.unshare and no seccomp
binding, so both go through libc with ctypes.
"""

from __future__ import annotations

import ctypes
import os
import platform
import resource
import struct

CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000
PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
SECCOMP_RET_ALLOW = 0x7FFF0000
SECCOMP_RET_ERRNO = 0x00050000
SECCOMP_RET_KILL_PROCESS = 0x80000000
EPERM = 1
# architecture: (AUDIT_ARCH value, {syscall name: number}); the filter refuses exactly these calls.
SYSCALLS = {
    "x86_64": (0xC000003E, {"socket": 41, "connect": 42, "io_uring_setup": 425}),
    "aarch64": (0xC00000B7, {"socket": 198, "connect": 203, "io_uring_setup": 425}),
}
X32_BIT = 0x40000000  # x86_64's x32 ABI numbers: refused wholesale


class ConfinementError(RuntimeError):
    """The kernel refused every way of cutting this process off the network."""


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def new_network_namespace() -> str | None:
    """Move this process into a fresh network namespace (only a loopback interface, down).
    Returns None on success, else why not."""
    libc = _libc()
    if libc.unshare(CLONE_NEWNET) == 0:
        return None
    first = os.strerror(ctypes.get_errno())
    # Not root: a user namespace first makes us root inside it (if the kernel allows that).
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0:
        try:
            with open("/proc/self/setgroups", "w") as f:
                f.write("deny")
            with open("/proc/self/uid_map", "w") as f:
                f.write(f"{uid} {uid} 1")
            with open("/proc/self/gid_map", "w") as f:
                f.write(f"{gid} {gid} 1")
        except OSError:
            pass  # the namespace is in place; only the id mapping failed
        return None
    return f"unshare(CLONE_NEWNET): {first}; with a user namespace: {os.strerror(ctypes.get_errno())}"


def _filter_program(machine: str) -> bytes:
    arch, numbers = SYSCALLS[machine]

    def op(code, jt, jf, k):
        return struct.pack("HBBI", code, jt, jf, k)

    ld_w_abs, jeq_k, jge_k, ret_k = 0x20, 0x15, 0x35, 0x06
    refused = list(numbers.values())
    program = [op(ld_w_abs, 0, 0, 4),  # seccomp_data.arch
               op(jeq_k, 1, 0, arch),
               op(ret_k, 0, 0, SECCOMP_RET_KILL_PROCESS),  # another ABI: never expected
               op(ld_w_abs, 0, 0, 0)]  # seccomp_data.nr
    if machine == "x86_64":
        program.append(op(jge_k, len(refused) + 1, 0, X32_BIT))  # jump to the refusal
    for i, number in enumerate(refused):
        program.append(op(jeq_k, len(refused) - i, 0, number))
    program.append(op(ret_k, 0, 0, SECCOMP_RET_ALLOW))
    program.append(op(ret_k, 0, 0, SECCOMP_RET_ERRNO | EPERM))
    return b"".join(program)


def refuse_sockets() -> str | None:
    """Install a seccomp filter failing socket(), connect() and io_uring_setup() for this process and
    every thread it starts from now on (existing threads are not covered: call before starting any).
    Returns None on success, else why not."""
    machine = platform.machine()
    if machine not in SYSCALLS:
        return f"seccomp: no filter for the {machine} architecture"
    code = _filter_program(machine)
    count = len(code) // 8
    buffer = ctypes.create_string_buffer(code, len(code))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    program = SockFprog(count, ctypes.addressof(buffer))
    libc = _libc()
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return f"prctl(PR_SET_NO_NEW_PRIVS): {os.strerror(ctypes.get_errno())}"
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(program), 0, 0) != 0:
        return f"prctl(PR_SET_SECCOMP): {os.strerror(ctypes.get_errno())}"
    return None


def address_space() -> int:
    """This process's address space in bytes now (/proc/self/statm)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def cap_memory(max_bytes: int | None) -> None:
    """Cap this process's address space (RLIMIT_AS) at max_bytes (None: leave it)."""
    if max_bytes:
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        limit = max_bytes if hard == resource.RLIM_INFINITY else min(max_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def confine(max_bytes: int | None = None) -> list[str]:
    """Cut this process off the network (both ways where the kernel allows) and cap its memory.
    Returns the measures in force; raises ConfinementError when the kernel refuses both."""
    applied, refusals = [], []
    for name, measure in (("network namespace", new_network_namespace), ("seccomp", refuse_sockets)):
        why = measure()
        (refusals if why else applied).append(why or name)
    if not applied:
        raise ConfinementError("cannot cut the query worker off the network: " + "; ".join(refusals)
                               + ". Run as root, allow unprivileged user namespaces "
                               "(sysctl kernel.unprivileged_userns_clone=1) or allow seccomp filters.")
    cap_memory(max_bytes)
    if max_bytes:
        applied.append(f"address space {max_bytes >> 20} MiB")
    return applied
