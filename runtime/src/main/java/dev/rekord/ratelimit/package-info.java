/**
 * Rate limiters ({@link dev.rekord.ratelimit.RateLimiters}, from {@code rekord.rateLimiters()}):
 * sliding window, fixed window and GCRA, each one atomic script answering allowed, remaining and
 * retry-after.
 */
package dev.rekord.ratelimit;
