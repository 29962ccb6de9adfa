using System.Globalization;

namespace Coopah.Core.Garmin.Training;

/// <summary>
/// Checks a Training API V2 workout against the contract (enums, step limits, step numbering, target ranges) and
/// applies Garmin's description truncation. Used by the sandbox to enforce what Garmin enforces, and by tests.
/// </summary>
public static class GarminWorkoutValidator
{
    /// <summary>Problems found, empty when the workout is acceptable.</summary>
    public static IReadOnlyList<string> Validate(GarminWorkout workout)
    {
        ArgumentNullException.ThrowIfNull(workout);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(workout.WorkoutName))
        {
            errors.Add("workoutName is required.");
        }

        if (!GarminTrainingValues.Sports.Contains(workout.Sport ?? string.Empty))
        {
            errors.Add($"sport '{workout.Sport}' is not a Garmin sport.");
        }

        if (workout.WorkoutProvider is { Length: > GarminTrainingValues.ProviderMaxLength })
        {
            errors.Add("workoutProvider is longer than 20 characters.");
        }

        if (workout.WorkoutSourceId is { Length: > GarminTrainingValues.ProviderMaxLength })
        {
            errors.Add("workoutSourceId is longer than 20 characters.");
        }

        var multiSport = string.Equals(workout.Sport, "MULTI_SPORT", StringComparison.Ordinal);
        if (workout.Segments.Count == 0)
        {
            errors.Add("A workout needs at least one segment.");
        }
        else if (!multiSport && workout.Segments.Count > 1)
        {
            errors.Add("A single-sport workout has exactly one segment.");
        }
        else if (workout.Segments.Count > GarminTrainingValues.MaxSegmentsMultiSport)
        {
            errors.Add("A multisport workout has at most 25 segments.");
        }

        var steps = workout.Segments.Sum(s => GarminTrainingValues.CountSteps(s.Steps));
        var maxSteps = multiSport ? GarminTrainingValues.MaxStepsMultiSport : GarminTrainingValues.MaxStepsSingleSport;
        if (steps > maxSteps)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"The workout has {steps} steps; at most {maxSteps} are allowed."));
        }

        var expectedOrder = 0;
        foreach (var segment in workout.Segments)
        {
            if (!GarminTrainingValues.Sports.Contains(segment.Sport ?? string.Empty))
            {
                errors.Add($"segment sport '{segment.Sport}' is not a Garmin sport.");
            }

            if (segment.Steps.Count == 0)
            {
                errors.Add("A segment needs at least one step.");
            }

            ValidateSteps(segment.Steps, errors, ref expectedOrder);
        }

        return errors;
    }

    /// <summary>Truncates the workout (1024) and step (512) descriptions as Garmin does.</summary>
    public static GarminWorkout Normalize(GarminWorkout workout)
    {
        ArgumentNullException.ThrowIfNull(workout);
        return workout with
        {
            Description = Cut(workout.Description, GarminTrainingValues.WorkoutDescriptionMaxLength),
            Segments = workout.Segments.Select(s => s with { Steps = NormalizeSteps(s.Steps) }).ToList(),
        };
    }

    private static List<GarminWorkoutStepBase> NormalizeSteps(IReadOnlyList<GarminWorkoutStepBase> steps) =>
        steps.Select(s => s switch
        {
            GarminWorkoutStep step => step with { Description = Cut(step.Description, GarminTrainingValues.StepDescriptionMaxLength) },
            GarminWorkoutRepeatStep repeat => (GarminWorkoutStepBase)(repeat with { Steps = NormalizeSteps(repeat.Steps) }),
            _ => s,
        }).ToList();

    private static string? Cut(string? text, int max) => text is { Length: var n } && n > max ? text[..max] : text;

    private static void ValidateSteps(IReadOnlyList<GarminWorkoutStepBase> steps, List<string> errors, ref int expectedOrder)
    {
        foreach (var item in steps)
        {
            expectedOrder++;
            switch (item)
            {
                case GarminWorkoutStep step:
                    CheckOrder(step.StepOrder, expectedOrder, errors);
                    ValidateStep(step, errors);
                    break;
                case GarminWorkoutRepeatStep repeat:
                    CheckOrder(repeat.StepOrder, expectedOrder, errors);
                    if (!GarminTrainingValues.RepeatTypes.Contains(repeat.RepeatType ?? string.Empty))
                    {
                        errors.Add($"repeatType '{repeat.RepeatType}' is not valid.");
                    }

                    if (repeat.RepeatValue is not > 0)
                    {
                        errors.Add("repeatValue must be positive.");
                    }

                    if (repeat.Steps.Count == 0)
                    {
                        errors.Add("A repeat step needs nested steps.");
                    }

                    ValidateSteps(repeat.Steps, errors, ref expectedOrder);
                    break;
                default:
                    errors.Add("Unknown step type.");
                    break;
            }
        }
    }

    private static void CheckOrder(int actual, int expected, List<string> errors)
    {
        if (actual != expected)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"stepOrder {actual} found where {expected} was expected."));
        }
    }

    private static void ValidateStep(GarminWorkoutStep step, List<string> errors)
    {
        if (!GarminTrainingValues.Intensities.Contains(step.Intensity ?? string.Empty))
        {
            errors.Add($"intensity '{step.Intensity}' is not valid.");
        }

        if (!GarminTrainingValues.DurationTypes.Contains(step.DurationType ?? string.Empty))
        {
            errors.Add($"durationType '{step.DurationType}' is not valid.");
        }
        else if (step.DurationType is GarminTrainingValues.DurationTime or GarminTrainingValues.DurationDistance && step.DurationValue is not > 0)
        {
            errors.Add($"durationValue must be positive for {step.DurationType}.");
        }

        if (step.TargetType is not null && !GarminTrainingValues.TargetTypes.Contains(step.TargetType))
        {
            errors.Add($"targetType '{step.TargetType}' is not valid.");
        }

        switch (step.TargetType)
        {
            case GarminTrainingValues.TargetHeartRate when step.TargetValue is { } zone && (zone < 1 || zone > 5):
                errors.Add("A heart-rate zone is 1-5.");
                break;
            case GarminTrainingValues.TargetHeartRate when step.TargetValue is null && (step.TargetValueLow is null || step.TargetValueHigh is null):
                errors.Add("A heart-rate target needs a zone or a low/high range.");
                break;
            case GarminTrainingValues.TargetPace or "SPEED" when step.TargetValueLow is not > 0 || step.TargetValueHigh is not > 0:
                errors.Add("A pace/speed target needs positive targetValueLow and targetValueHigh in m/s.");
                break;
            case GarminTrainingValues.TargetPace or "SPEED" when step.TargetValueLow > step.TargetValueHigh:
                errors.Add("targetValueLow must not exceed targetValueHigh.");
                break;
        }
    }
}
