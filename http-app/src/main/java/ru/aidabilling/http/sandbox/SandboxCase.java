package ru.aidabilling.http.sandbox;

/**
 * One sandbox customer as the demo page lists it: the FreeScout id, a short Russian title and a
 * sentence saying which outcome the customer shows.
 */
public record SandboxCase(long id, String title, String description) {}
