"""Where a profile's time goes: collapsed stacks (async-profiler's `collapsed` output) summed into
the share of samples under each layer of the request, inclusive, and the hottest frames of our own
code with the frames they call.

    python3 bench/profiler/hot.py PROFILE.collapsed [title]
"""
import collections
import re
import sys

# Checked in order; a stack counts once per layer it passes through.
LAYERS = [
    ("our code (org.cqrsshop)", re.compile(r"^org/cqrsshop/|^org\.cqrsshop\.")),
    ("GraphQL execution (graphql-java)", re.compile(r"^graphql[./]")),
    ("SmallRye GraphQL (request, JSON-P output)", re.compile(r"^io[./]smallrye[./]graphql[./]")),
    ("JSON (Jackson, Parsson)", re.compile(r"^com[./]fasterxml[./]jackson|^org[./]eclipse[./]parsson")),
    ("Redis client", re.compile(r"^io[./]vertx[./](mutiny[./])?redis|^io[./]quarkus[./]redis")),
    ("MongoDB driver", re.compile(r"^com[./]mongodb|^org[./]bson|^io[./]quarkus[./]mongodb")),
    ("context propagation", re.compile(r"^io[./]smallrye[./]context|^io[./]quarkus[./]arc[./]runtime[./]context")),
    ("Micrometer and OpenTelemetry", re.compile(r"^io[./]micrometer|^io[./]opentelemetry|^io[./]quarkus[./]opentelemetry")),
    ("JWT verification", re.compile(r"^io[./]smallrye[./]jwt|^org[./]jose4j|^io[./]quarkus[./]smallrye[./]jwt")),
    ("Vert.x HTTP and Netty", re.compile(r"^io[./]vertx[./]core|^io[./]netty|^io[./]vertx[./]ext[./]web")),
    ("JIT compilers", re.compile(r"^CompileBroker::|^C2Compiler::|^Compilation::")),
]


def frames_of(stack):
    return [frame.removesuffix("_[j]").removesuffix("_[i]").removesuffix("_[k]") for frame in stack.split(";")]


def main():
    path = sys.argv[1]
    title = sys.argv[2] if len(sys.argv) > 2 else path
    total = 0
    by_layer = collections.Counter()
    ours = collections.Counter()
    for line in open(path):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if not stack:
            continue
        samples = int(count)
        total += samples
        frames = frames_of(stack)
        for name, pattern in LAYERS:
            if any(pattern.search(frame) for frame in frames):
                by_layer[name] += samples
        own = [frame for frame in frames if LAYERS[0][1].search(frame)]
        for frame in set(own):
            ours[frame] += samples
    print(f"## {title}\n")
    print(f"{total} samples. Share of samples whose stack passes through each layer (inclusive, so they overlap):\n")
    print("| layer | share |\n| --- | ---: |")
    for name, _ in LAYERS:
        print(f"| {name} | {100.0 * by_layer[name] / max(1, total):.1f} % |")
    print("\nOur own frames, inclusive:\n\n| frame | share |\n| --- | ---: |")
    for frame, samples in ours.most_common(15):
        print(f"| `{frame}` | {100.0 * samples / max(1, total):.1f} % |")
    print()


if __name__ == "__main__":
    main()
