package io.cameraservice.rpc;

import io.cameraservice.domain.RateClass;

/**
 * A method the registry knows: its name, its rate-limit class, its parameters and its handler. Who may call it is
 * the permission matrix's business ({@code auth.PermissionMatrix}), so an operator can change it in configuration.
 */
public record MethodSpec(String name, RateClass rateClass, ParamSchema params, MethodHandler handler) {}
