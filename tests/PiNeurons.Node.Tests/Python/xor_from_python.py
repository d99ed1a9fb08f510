"""Configures the XOR network from Python, as a paho-mqtt user would, and checks its truth table.

Every duration is a Python float (what json.dumps writes after any arithmetic), every weight too.
Prints one JSON line: {"configs": [...], "errors": [...], "answers": ["(0,0)->0", ...]}; exit 0 when
all six neurons accepted their config and z fired for exactly one input.
Usage: python3 xor_from_python.py HOST PORT ROOT
"""
import json
import queue
import sys
import time

import paho.mqtt.client as mqtt

HOST, PORT, ROOT = sys.argv[1], int(sys.argv[2]), sys.argv[3]
MS = 1.0  # floats, the way a Python program's arithmetic leaves them

NETWORK = {
    "x": {"weights": {}, "connections": ["h1", "h2"], "integrationWindowMs": 0 * MS},
    "y": {"weights": {}, "connections": ["h2", "h3"], "integrationWindowMs": 0 * MS},
    "h1": {"weights": {"x": 1.0}, "connections": ["z"]},
    "h2": {"weights": {"x": 1.0, "y": 1.0}, "connections": ["z"], "threshold": 1.9},
    "h3": {"weights": {"y": 1.0}, "connections": ["z"]},
    "z": {"weights": {"h1": 1.0, "h2": -2.0, "h3": 1.0}, "connections": []},
}

events = queue.Queue()
subscribed = queue.Queue()


def on_message(_client, _userdata, message):
    try:
        events.put(json.loads(message.payload))
    except ValueError:
        pass


client = mqtt.Client(client_id="", protocol=mqtt.MQTTv5)
client.on_message = on_message
client.on_subscribe = lambda *_args: subscribed.put(True)
client.connect(HOST, PORT)
client.loop_start()
client.subscribe(f"{ROOT}/+/events", qos=1)
subscribed.get(timeout=20)  # the config events must not be missed

for neuron, config in NETWORK.items():
    patch = {"threshold": 0.9, "refractoryMs": 100 * MS, "inputLastingMs": 500 * MS, "integrationWindowMs": 150 * MS}
    patch.update(config)
    client.publish(f"{ROOT}/{neuron}/set", json.dumps(patch), qos=1).wait_for_publish()

configs, errors = [], []
deadline = time.monotonic() + 20
while len(configs) + len(errors) < len(NETWORK) and time.monotonic() < deadline:
    try:
        event = events.get(timeout=1)
    except queue.Empty:
        continue
    if event.get("type") == "config":
        configs.append(event["id"])
    elif event.get("type") == "error":
        errors.append(f'{event["id"]}: {event.get("reason")}')


def drain_until_quiet(seconds):
    seen = []
    while True:
        try:
            seen.append(events.get(timeout=seconds))
        except queue.Empty:
            return seen


answers = []
if not errors:
    for x, y in [(0, 0), (0, 1), (1, 0), (1, 1)]:
        drain_until_quiet(0.2)
        for neuron, pressed in (("x", x), ("y", y)):
            if pressed:
                client.publish(f"{ROOT}/{neuron}/kick", b"", qos=1)
        row = drain_until_quiet(1.0)
        fired = sum(1 for e in row if e.get("id") == "z" and e.get("type") == "fired")
        answers.append(f"({x},{y})->{fired}")
        time.sleep(0.6)  # the row's inputs expire (inputLastingMs 500) before the next row

client.loop_stop()
client.disconnect()
print(json.dumps({"configs": sorted(configs), "errors": errors, "answers": answers}))
ok = not errors and len(configs) == len(NETWORK) and answers == ["(0,0)->0", "(0,1)->1", "(1,0)->1", "(1,1)->0"]
sys.exit(0 if ok else 1)
