#!/usr/bin/env python3
"""Garmin push bodies shaped as in shared/specs/garmin-api.md section 3 (and Coopah.Web.Tests GarminPayloads).

  payloads.py summary <user> <summaryId>   one small `activities` push (one summary)
  payloads.py details <user> <summaryId>   one `activityDetails` push of a one-hour run: 3600 smart-recorded
                                            samples with irregular gaps (mostly 1 s, sometimes 2-8 s), laps
                                            every ~1 km that never fall on a sample
"""
import json
import random
import sys

START = 1767250800


def summary(user, summary_id, start=START):
    return {
        "userId": user, "summaryId": summary_id, "activityId": 9001, "activityName": "Morning Run",
        "activityType": "RUNNING", "startTimeInSeconds": start, "startTimeOffsetInSeconds": 3600,
        "durationInSeconds": 3600, "distanceInMeters": 10800.0, "averageSpeedInMetersPerSecond": 3.0,
        "averageHeartRateInBeatsPerMinute": 150, "maxHeartRateInBeatsPerMinute": 171,
        "deviceName": "Forerunner 265",
    }


def activities(user, summary_id):
    return {"activities": [summary(user, summary_id)]}


def details(user, summary_id, samples=3600, seed=6):
    rng = random.Random(seed)
    t, dist, moving = 0, 0.0, 0
    lat, lon, ele = 51.5007, -0.1246, 12.0
    rows, lap_starts, next_lap, lap_due = [], [START], 1000.0, False
    for _ in range(samples):
        speed = round(2.6 + rng.random() * 0.9, 2)
        rows.append({
            "startTimeInSeconds": START + t, "latitudeInDegree": round(lat, 7), "longitudeInDegree": round(lon, 7),
            "elevationInMeters": round(ele, 1), "airTemperatureCelcius": 14.0, "heartRate": 135 + rng.randint(0, 40),
            "speedMetersPerSecond": speed, "stepsPerMinute": 84 + rng.randint(0, 8),
            "totalDistanceInMeters": round(dist, 1), "timerDurationInSeconds": t, "clockDurationInSeconds": t,
            "movingDurationInSeconds": moving, "powerInWatts": 230 + rng.randint(0, 60),
        })
        gap = 1 if rng.random() < 0.85 else rng.randint(2, 8)
        if lap_due and gap > 1:
            # A lap mark falls strictly between two samples, never on one.
            lap_starts.append(START + t + 1)
            lap_due = False
        t += gap
        moving += gap
        dist += speed * gap
        lat += 0.00002 * gap
        lon += 0.00001 * gap
        ele += rng.uniform(-0.3, 0.3)
        if dist >= next_lap:
            lap_due = True
            next_lap += 1000.0
    s = summary(user, summary_id)
    s.pop("userId"); s.pop("summaryId")
    s["durationInSeconds"] = t
    s["distanceInMeters"] = round(dist, 1)
    return {"activityDetails": [{
        "userId": user, "summaryId": summary_id, "activityId": 9001, "summary": s,
        "samples": rows, "laps": [{"startTimeInSeconds": x} for x in lap_starts],
    }]}


def main():
    kind, user, summary_id = sys.argv[1], sys.argv[2], sys.argv[3]
    body = activities(user, summary_id) if kind == "summary" else details(user, summary_id)
    sys.stdout.write(json.dumps(body, separators=(",", ":")))


if __name__ == "__main__":
    main()
