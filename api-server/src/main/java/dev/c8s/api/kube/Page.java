package dev.c8s.api.kube;

import java.util.List;

/**
 * One page of a list and the token that continues it.
 *
 * @param items the objects of this page
 * @param continueToken the token for the next page, or null on the last page
 */
public record Page<T>(List<T> items, String continueToken) {}
