package dev.c8s.model.engine;

import dev.c8s.model.v1alpha1.StepSecret;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A step resolved for execution: defaults applied and matrix values substituted.
 *
 * @param name the step's name
 * @param image the image with {@code ${dimension}} references replaced by the run's matrix values
 * @param commands shell commands, run in order, stopping at the first failure
 * @param env plain environment variables: {@code COMMIT_SHA}, {@code BRANCH} and matrix values
 * @param secrets Secret keys to expose as environment variables (by reference, never by value)
 * @param cpu CPU request and limit
 * @param memory memory request and limit
 * @param timeout how long the step may run
 * @param artifacts workspace patterns to upload when the step ends
 * @param upstreamArtifacts steps (direct or indirect dependencies) whose artifacts to download
 *     first
 */
public record StepLaunch(
    String name,
    String image,
    List<String> commands,
    Map<String, String> env,
    List<StepSecret> secrets,
    String cpu,
    String memory,
    Duration timeout,
    List<String> artifacts,
    List<String> upstreamArtifacts) {}
