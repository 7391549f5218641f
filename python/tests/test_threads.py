# SPDX-License-Identifier: Apache-2.0
"""One Evaluator shared by threads, and the GIL released while the library works."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import cipherexplain as c
from conftest import corpus_lines


def test_one_evaluator_from_eight_threads_gives_the_serial_answers():
    ev = c.Evaluator("3.0")
    lines = corpus_lines()[:400]
    serial = [(e.ok, [s.name for s in e.ciphers]) for e in map(ev.evaluate, lines)]
    with ThreadPoolExecutor(8) as pool:
        threaded = list(pool.map(lambda t: ev.evaluate(t), lines * 4))
    assert [(e.ok, [s.name for s in e.ciphers]) for e in threaded] == serial * 4


def count_for(seconds, stop=None):
    n, end = 0, time.perf_counter() + seconds
    while time.perf_counter() < end and (stop is None or not stop.is_set()):
        n += 1
    return n


def test_other_threads_run_while_a_long_string_is_evaluated():
    # A 1.2 MB string takes the library a few hundred milliseconds. Held, the GIL would stop
    # the counting loop for all of it (but a switch interval); released, the loop keeps about
    # its free rate.
    text = "HIGH:!aNULL:+SHA:" * 70000
    ev = c.Evaluator("3.0")
    started, done = threading.Event(), threading.Event()
    elapsed = []

    def work():
        started.set()
        t = time.perf_counter()
        ev.evaluate(text, trace=False)
        elapsed.append(time.perf_counter() - t)
        done.set()

    free_rate = count_for(0.1) / 0.1
    worker = threading.Thread(target=work)
    worker.start()
    started.wait()
    t = time.perf_counter()
    counted = count_for(60, done)
    during = time.perf_counter() - t
    worker.join()
    assert elapsed[0] > 0.05, "the evaluation was too short to tell"
    assert counted / during > 0.1 * free_rate, (counted, during, free_rate)
