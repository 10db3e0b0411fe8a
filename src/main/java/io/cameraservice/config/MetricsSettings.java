package io.cameraservice.config;

public record MetricsSettings(boolean openToAll) {}
