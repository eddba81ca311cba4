package dev.c8s.model.validation;

import dev.c8s.model.v1alpha1.Patterns;
import dev.c8s.model.v1alpha1.Step;
import dev.c8s.model.v1alpha1.StepResources;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fields of one step; dependencies, secrets and matrix references have their own classes. */
final class StepValidator {
  static final String STEP_NAME_FORM = "DNS-1123 label such as build";
  static final String CPU_FORM = "CPU quantity such as 500m or 2";
  static final String MEMORY_FORM = "memory quantity such as 512Mi or 2Gi";

  private static final Pattern CPU = Pattern.compile(Patterns.CPU);
  private static final Pattern MEMORY = Pattern.compile(Patterns.MEMORY);
  // "2G", "512MB", "4gb": people mean Gi/Mi; the decimal units are not what the spec allows.
  private static final Pattern LOOSE_MEMORY = Pattern.compile("^([0-9]+)\\s*([MmGg])[Bb]?$");

  private StepValidator() {}

  /** Checks {@code step} found at {@code path}, such as {@code spec.steps[2]}. */
  static void validate(Problems problems, String path, Step step) {
    String label = label(step);
    name(problems, path + ".name", step.getName());
    image(problems, path + ".image", step.getImage(), label);
    commands(problems, path + ".commands", step.getCommands(), label);
    StepResources resources = step.getResources();
    if (resources != null) {
      cpu(problems, path + ".resources.cpu", resources.getCpu(), label);
      memory(problems, path + ".resources.memory", resources.getMemory(), label);
    }
    FieldChecks.duration(problems, path + ".timeout", step.getTimeout(), label + " timeout");
    artifacts(problems, path + ".artifacts", step.getArtifacts(), label);
    if (step.getConditional() != null
        && step.getConditional().getBranch() != null
        && step.getConditional().getBranch().isBlank()) {
      problems.error(
          path + ".conditional.branch",
          label
              + " has an empty conditional.branch, so it would never run; set a branch"
              + " pattern such as main or release/*, or remove conditional.branch",
          "branch pattern such as main or feature/*",
          step.getConditional().getBranch());
    }
    StepSecretValidator.validate(problems, path + ".secrets", step, label);
  }

  /** {@code step "build"}, or {@code this step} when it has no usable name. */
  static String label(Step step) {
    return Texts.isBlank(step.getName()) ? "this step" : "step " + Texts.quote(step.getName());
  }

  private static void name(Problems problems, String path, String name) {
    if (Texts.isBlank(name)) {
      problems.error(
          path,
          "step name is required; name the step with lowercase letters, digits and '-', such"
              + " as build",
          STEP_NAME_FORM,
          name);
    } else if (name.length() > Names.DNS_LABEL_MAX) {
      problems.error(
          path,
          "step name "
              + Texts.quote(name)
              + " has "
              + name.length()
              + " characters; step names"
              + " have at most 63 because they become part of Job and Pod names",
          STEP_NAME_FORM,
          name);
    } else if (!Names.isDnsLabel(name)) {
      String suggestion = Names.toDnsLabel(name);
      problems.error(
          path,
          "step name "
              + Texts.quote(name)
              + " is not a DNS-1123 label; use lowercase letters,"
              + " digits and '-', starting and ending with a letter or digit"
              + (suggestion.isEmpty() ? "" : " (did you mean " + Texts.quote(suggestion) + "?)"),
          STEP_NAME_FORM,
          name);
    }
  }

  private static void image(Problems problems, String path, String image, String label) {
    if (Texts.isBlank(image)) {
      problems.error(
          path,
          label
              + " has no image; set image to the container image its commands run in, such"
              + " as golang:1.21",
          "container image reference such as golang:1.21",
          image);
    } else if (Texts.hasWhitespace(image)) {
      problems.error(
          path,
          "image " + Texts.quote(image) + " of " + label + " contains whitespace; remove it",
          "container image reference such as golang:1.21",
          image);
    }
  }

  private static void commands(
      Problems problems, String path, List<String> commands, String label) {
    if (commands == null || commands.stream().allMatch(Texts::isBlank)) {
      String what = commands == null || commands.isEmpty() ? "no commands" : "only empty commands";
      problems.error(
          path,
          label
              + " has "
              + what
              + "; add at least one shell command to commands, such as"
              + " make test",
          "list of shell commands",
          null);
    }
  }

  private static void cpu(Problems problems, String path, String cpu, String label) {
    if (cpu == null) {
      return;
    }
    Optional<BigDecimal> cores = Quantities.parse(cpu);
    if (!CPU.matcher(cpu).matches()) {
      String hint =
          cores
              .filter(c -> c.signum() > 0)
              .map(c -> " (did you mean " + Quantities.formatCpu(c) + "?)")
              .orElse("");
      problems.error(
          path,
          "cpu "
              + Texts.quote(cpu)
              + " of "
              + label
              + " is not a CPU quantity c8s accepts;"
              + " write whole cores such as 2 or millicores such as 500m"
              + hint,
          CPU_FORM,
          cpu);
    } else if (cores.isEmpty() || cores.get().signum() == 0) {
      problems.error(
          path,
          "cpu "
              + Texts.quote(cpu)
              + " of "
              + label
              + " is zero; a step needs some CPU, such"
              + " as 500m",
          CPU_FORM,
          cpu);
    }
  }

  private static void memory(Problems problems, String path, String memory, String label) {
    if (memory == null) {
      return;
    }
    Optional<BigDecimal> bytes = Quantities.parse(memory);
    if (!MEMORY.matcher(memory).matches()) {
      Matcher loose = LOOSE_MEMORY.matcher(memory);
      String suggestion =
          loose.matches()
              ? loose.group(1) + (loose.group(2).equalsIgnoreCase("g") ? "Gi" : "Mi")
              : bytes.filter(b -> b.signum() > 0).map(Quantities::formatMemory).orElse(null);
      problems.error(
          path,
          "memory "
              + Texts.quote(memory)
              + " of "
              + label
              + " is not a memory quantity c8s"
              + " accepts; write a whole number of Mi or Gi"
              + (suggestion == null ? ", such as 512Mi" : " (did you mean " + suggestion + "?)"),
          MEMORY_FORM,
          memory);
    } else if (bytes.isEmpty() || bytes.get().signum() == 0) {
      problems.error(
          path,
          "memory "
              + Texts.quote(memory)
              + " of "
              + label
              + " is zero; a step needs some"
              + " memory, such as 512Mi",
          MEMORY_FORM,
          memory);
    }
  }

  private static void artifacts(
      Problems problems, String path, List<String> artifacts, String label) {
    if (artifacts == null) {
      return;
    }
    for (int j = 0; j < artifacts.size(); j++) {
      String artifact = artifacts.get(j);
      String at = FieldPaths.index(path, j);
      String form = "path or glob relative to the workspace, such as dist/**";
      if (Texts.isBlank(artifact)) {
        problems.error(
            at,
            "artifact pattern of "
                + label
                + " is empty; remove the entry or write a path"
                + " relative to the workspace, such as dist/**",
            form,
            artifact);
      } else if (artifact.startsWith("/")) {
        problems.error(
            at,
            "artifact pattern "
                + Texts.quote(artifact)
                + " of "
                + label
                + " is absolute;"
                + " artifacts are collected from the workspace, so write it relative to it,"
                + " such as "
                + Texts.quote(artifact.replaceAll("^/+", "")),
            form,
            artifact);
      } else if (List.of(artifact.split("/")).contains("..")) {
        problems.error(
            at,
            "artifact pattern "
                + Texts.quote(artifact)
                + " of "
                + label
                + " uses '..' to leave"
                + " the workspace; only files inside the workspace can be uploaded",
            form,
            artifact);
      }
    }
  }
}
