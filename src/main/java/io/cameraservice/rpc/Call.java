package io.cameraservice.rpc;

import io.cameraservice.auth.Session;

/** One admitted call as a handler sees it: validated parameters and the caller. */
public record Call(String method, Params params, RpcConnection connection, Session session) {}
