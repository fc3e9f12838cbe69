#!/usr/bin/env python3
"""Where the time goes in a JFR recording: the share of execution samples by top frame, and by the first frame
of ours (org.optimizerlab) on each stack.

Usage: python3 bench/jfr_top.py RECORDING.jfr [--top 12] [--thread NAME_PART] [--within CLASS.METHOD_PART]

It runs `jfr print --json --events jdk.ExecutionSample` and counts, for every sample, (a) its phase (the innermost
frame on the stack of a list of known steps: gradient, evaluation, per-layer statistics, state copies, optimizer
step, JSON, CSV; see PHASES), (b) its top frame (the method the CPU was in) and (c) the first org.optimizerlab frame
from the top (which of our methods that time is charged to, JDK and Jackson frames included under it). --thread keeps only samples of threads whose name contains
the text (e.g. "experiment-worker" for the socket's workers); --within only samples with that frame on the stack
(e.g. "RunCommand.print" for the command line's loop).
"""
import argparse
import collections
import json
import subprocess


# What a sample's time is charged to: the innermost frame on its stack whose "Class.method" starts with one of these.
PHASES = [
    ("SpiralClassifier.gradient", "gradient (forward + backward; with the evaluation sharing its pass)"),
    ("SpiralClassifier.evaluate", "evaluation of the training set"),
    ("LayerStats.", "per-layer statistics"),
    ("State.state", "optimizer state copies"),
    ("EffectiveLr.", "optimizer state copies"),
    ("State.step", "optimizer step"),
    ("RecordJson.", "record to JSON"),
    ("ServerMessage.", "record to JSON"),
    ("ExperimentSession.write", "record to JSON"),
    ("RunCommand.csvLine", "CSV line"),
    ("ExperimentRunner", "runner (copies, norms, records)"),
    ("BatchPlan.", "runner (copies, norms, records)"),
    ("ExperimentSession.", "session (frames, pacing, sending)"),
    ("SocketOutbound.", "session (frames, pacing, sending)"),
    ("SerialExecutor.", "session (frames, pacing, sending)"),
]


def frame_name(frame):
    method = frame["method"]
    return method["type"]["name"].replace("/", ".").split(".")[-1] + "." + method["name"]


def phase(frames):
    for frame in frames:
        name = frame_name(frame)
        for prefix, label in PHASES:
            if name.startswith(prefix) or ("$" + prefix) in name:
                return label
    return "other: " + frame_name(frames[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("recording")
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--thread", default="")
    parser.add_argument("--within", default="", help="keep only samples with a frame whose Class.method has this")
    args = parser.parse_args()
    text = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", args.recording],
                          check=True, capture_output=True, text=True).stdout
    events = json.loads(text)["recording"]["events"]
    top, ours, phases = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    for event in events:
        values = event["values"]
        thread = (values.get("sampledThread") or {}).get("javaName") or ""
        if args.thread not in thread:
            continue
        frames = (values.get("stackTrace") or {}).get("frames") or []
        if not frames or (args.within and not any(args.within in frame_name(f) for f in frames)):
            continue
        total += 1
        top[frame_name(frames[0])] += 1
        mine = next((f for f in frames if f["method"]["type"]["name"].replace("/", ".").startswith("org.optimizerlab")),
                    None)
        ours[frame_name(mine) if mine else "(not ours) " + frame_name(frames[-1])] += 1
        phases[phase(frames)] += 1
    print(f"{total} samples")
    for title, counter in (("phase", phases), ("top frame", top), ("first frame of ours", ours)):
        print(f"\n{title}:")
        for name, count in counter.most_common(args.top):
            print(f"  {100.0 * count / total:5.1f} %  {name}")


if __name__ == "__main__":
    main()
