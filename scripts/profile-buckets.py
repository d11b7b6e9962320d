#!/usr/bin/env python3
"""Sums a collapsed-stack CPU profile (scripts/profile.sh) into buckets, as BENCHMARKS.md §10 reports
it: the JIT compiler and GC by thread, every other sample by the deepest library frame it is in."""
import collections
import sys

RULES = [
    ("JIT compiler", ["CompileBroker", "C2Compiler", "Compile::Compile", "C1_"]),
    ("GC", ["G1", "GCTaskThread", "SerialHeap", "WorkerThread::run"]),
    ("RSA, SHA and other crypto", ["RsaSignatures", "java/math/", "montgomery", "sun/security", "MessageDigest", "javax/crypto"]),
    ("Jackson", ["tools/jackson", "com/fasterxml"]),
    ("JDBC driver and Hikari", ["org/postgresql", "com/zaxxer"]),
    ("Spring JDBC and transactions", ["org/springframework/jdbc", "org/springframework/transaction"]),
    ("logging", ["ch/qos/logback", "org/slf4j"]),
    ("Micrometer", ["io/micrometer"]),
    ("payonce's own code", ["io/payonce"]),
    ("Spring MVC", ["org/springframework/web"]),
    ("Tomcat", ["org/apache/tomcat", "org/apache/catalina", "org/apache/coyote"]),
    ("virtual-thread scheduling", ["ForkJoinPool", "Continuation", "VirtualThread"]),
]


def bucket(frames):
    for name, patterns in RULES[:2]:
        if any(p in frame for frame in frames for p in patterns):
            return name
    for frame in reversed(frames):
        for name, patterns in RULES[2:]:
            if any(p in frame for p in patterns):
                return name
    return "kernel and other native" if frames[-1].endswith("_[k]") or "/" not in frames[-1] else "other Java"


def main(path):
    buckets, total = collections.Counter(), 0
    with open(path) as lines:
        for line in lines:
            stack, _, count = line.rstrip().rpartition(" ")
            buckets[bucket(stack.split(";"))] += int(count)
            total += int(count)
    print(f"{total} samples")
    for name, count in buckets.most_common():
        print(f"{100 * count / total:5.1f} %  {name}")


if __name__ == "__main__":
    main(sys.argv[1])
