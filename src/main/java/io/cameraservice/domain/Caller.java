package io.cameraservice.domain;

/**
 * Who is calling, as the protocol layer carries it: opaque to {@code rpc}, which only holds it for the connection and
 * hands it to handlers. The feature that authenticates callers ({@code auth.Session}) implements it and is the only
 * one that looks inside.
 */
public interface Caller {}
