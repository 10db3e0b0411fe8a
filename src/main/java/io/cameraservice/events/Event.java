package io.cameraservice.events;

/**
 * Something that happened, to be pushed to subscribed clients as the notification {@code method} with
 * {@code params}.
 *
 * @param device the camera it concerns (used by device filters), or null for service-wide events
 */
public record Event(String topic, String device, String method, Object params) {}
