package io.cameraservice.rpc;

import io.cameraservice.domain.Caller;

/** One admitted call as a handler sees it: validated parameters and the caller (null before authentication). */
public record Call(String method, Params params, RpcConnection connection, Caller caller) {}
