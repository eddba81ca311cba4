package dev.c8s.controller.forge;

import dev.c8s.model.v1alpha1.RunPhase;

/**
 * The commit status a run should show at its provider now.
 *
 * @param phase the run phase it reflects
 * @param outcome what that phase means to a provider
 * @param context the status' stable name: per PipelineConfig and matrix combination
 * @param description the short text beside the state (at most 140 characters, GitHub's limit)
 * @param targetUrl the link to the run
 * @param commit the full commit SHA the status belongs to
 * @param branch the branch the run built, if known
 */
public record CommitReport(
    RunPhase phase,
    CommitOutcome outcome,
    String context,
    String description,
    String targetUrl,
    String commit,
    String branch) {}
