package org.atom.realtime.session;

/** Token bucket for the messages one client sends: {@code perSecond} sustained, {@code burst} at once. */
final class InboundRate {

    private final double perNano;
    private final int burst;
    private double tokens;
    private long last;

    InboundRate(int perSecond, int burst) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = System.nanoTime();
    }

    synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
