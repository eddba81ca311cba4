package dev.c8s.api.kube;

import java.util.List;
import java.util.Map;

/**
 * The body of a trigger: which commit to build, on which branch, and optionally which matrix
 * combinations (all of them when absent or empty).
 *
 * @param commit the commit SHA (required)
 * @param branch the branch the commit belongs to, for branch conditions; optional
 * @param matrix combinations to run, each mapping every dimension to a value; optional
 */
public record TriggerRequest(String commit, String branch, List<Map<String, String>> matrix) {}
