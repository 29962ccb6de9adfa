#!/usr/bin/env python3
"""Writes a random corpus for bench/intervals.sh (CORPUS=FILE): every workout x SEEDS, each with random harsh smart
recording, pauses, missed lap presses, auto-laps and time-zone offsets. Deterministic for a given --rng.

usage: bench/intervals-sweep.py [--seeds 11-16] [--rng 1] > /tmp/sweep.txt && CORPUS=/tmp/sweep.txt bench/intervals.sh
"""
import argparse
import random

parser = argparse.ArgumentParser()
parser.add_argument("--seeds", default="11-16")
parser.add_argument("--rng", type=int, default=1)
args = parser.parse_args()
first, last = (int(x) for x in args.seeds.split("-"))
rng = random.Random(args.rng)

workouts = {"6x800": "--workout 6x800", "tempo": "--workout 3x10min-tempo", "5x1k": "--workout 5x1k",
            "long": "--workout long-progressive", "pyramid": "@pyramid.json", "fartlek": "@fartlek.json",
            "mixed": "@hills-mixed.json"}
offsets = [-25200, 0, 19800, 34200, 50400]
for name, workout in workouts.items():
    for seed in range(first, last + 1):
        opts = [workout, f"--seed {seed}", f"--tz-offset {rng.choice(offsets)}"]
        if rng.random() < 0.6:
            opts.append(f"--max-gap {rng.choice([10, 12, 15])} --speed-threshold {rng.choice([0.2, 0.25, 0.3])}")
        if rng.random() < 0.3:
            opts.append(f"--pause-at {rng.randrange(300, 1500)} --pause-for {rng.randrange(15, 120)}")
        if rng.random() < 0.25:
            opts.append("--missed-lap-press")
        elif rng.random() < 0.15:
            opts.append("--auto-lap-km 1")
        print(f"{name}-{seed}\t{' '.join(opts)}")
