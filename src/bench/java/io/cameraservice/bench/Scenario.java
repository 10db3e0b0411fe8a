package io.cameraservice.bench;

import io.vertx.core.json.JsonObject;

/** One benchmark: starts what it needs, drives it, and answers its figures as JSON. */
interface Scenario {

  String name();

  JsonObject run(BenchEnv env) throws Exception;
}
