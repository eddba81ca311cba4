package dev.c8s.controller.job;

import java.time.Duration;

/**
 * Installation-wide settings of step Jobs, from the chart's values.
 *
 * @param gitImage image of the clone init container (needs {@code git} and {@code sh})
 * @param transferImage image of the artifact containers (needs {@code sh}, {@code tar}, {@code
 *     curl})
 * @param ttlAfterFinished how long finished Jobs are kept before Kubernetes deletes them
 */
public record JobSettings(String gitImage, String transferImage, Duration ttlAfterFinished) {}
