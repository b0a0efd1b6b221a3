"""Where a scenario's CPU went: busy ticks of the machine and of each part of the system.

    python3 bench/load/cpu.py snapshot COMMAND_PID "QUERY_PIDS" MONGO_PID   -> JSON of ticks
    python3 bench/load/cpu.py share BEFORE_JSON AFTER_JSON                   -> JSON of shares

On two cores every part of the system competes for the same CPU as the command path, so a
throughput figure means little without this split.
"""
import json
import os
import sys

BY_NAME = {"postgres": "postgres", "beam.smp": "rabbitmq", "redis-server": "redis"}


def process_ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


def machine_busy_ticks():
    with open("/proc/stat") as stat:
        user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, stat.readline().split()[1:9])
    return user + nice + system + irq + softirq + steal


def snapshot(command_pid, query_pids, mongo_pid):
    parts = {"commandApp": process_ticks(command_pid),
             "queryApps": sum(process_ticks(pid) for pid in query_pids.split()),
             "mongoStandIn": process_ticks(mongo_pid)}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/comm") as comm:
                part = BY_NAME.get(comm.read().strip())
        except OSError:
            continue
        if part:
            parts[part] = parts.get(part, 0) + process_ticks(pid)
    return {"machine": machine_busy_ticks(), "parts": parts}


def share(before, after):
    busy = max(1, after["machine"] - before["machine"])
    shares = {f"{part}CpuShare": round((ticks - before["parts"].get(part, 0)) / busy, 3)
              for part, ticks in after["parts"].items()}
    # The load generator and anything else on the machine.
    shares["otherCpuShare"] = round(max(0.0, 1 - sum(shares.values())), 3)
    return shares


if __name__ == "__main__":
    if sys.argv[1] == "snapshot":
        print(json.dumps(snapshot(*sys.argv[2:5])))
    else:
        print(json.dumps(share(json.loads(sys.argv[2]), json.loads(sys.argv[3]))))
