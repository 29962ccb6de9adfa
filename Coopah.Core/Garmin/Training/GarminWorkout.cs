using System.Text.Json.Serialization;

namespace Coopah.Core.Garmin.Training;

/// <summary>Training API V2 workout (spec section 2.2). Server-set fields are null on create.</summary>
public sealed record GarminWorkout
{
    public long? WorkoutId { get; init; }

    public long? OwnerId { get; init; }

    public required string WorkoutName { get; init; }

    public string? Description { get; init; }

    public string? UpdatedDate { get; init; }

    public string? CreatedDate { get; init; }

    public required string Sport { get; init; }

    public double? EstimatedDurationInSecs { get; init; }

    public double? EstimatedDistanceInMeters { get; init; }

    public double? PoolLength { get; init; }

    public string? PoolLengthUnit { get; init; }

    public string? WorkoutProvider { get; init; }

    public string? WorkoutSourceId { get; init; }

    public bool? IsSessionTransitionEnabled { get; init; }

    public IReadOnlyList<GarminWorkoutSegment> Segments { get; init; } = [];
}

/// <summary>A workout segment (single-sport workouts have exactly one).</summary>
public sealed record GarminWorkoutSegment
{
    public int SegmentOrder { get; init; }

    public required string Sport { get; init; }

    public double? EstimatedDurationInSecs { get; init; }

    public double? EstimatedDistanceInMeters { get; init; }

    public double? PoolLength { get; init; }

    public string? PoolLengthUnit { get; init; }

    public IReadOnlyList<GarminWorkoutStepBase> Steps { get; init; } = [];
}

/// <summary>A step of a segment: <see cref="GarminWorkoutStep"/> or <see cref="GarminWorkoutRepeatStep"/>, told apart by "type".</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(GarminWorkoutStep), GarminWorkoutStepBase.WorkoutStepType)]
[JsonDerivedType(typeof(GarminWorkoutRepeatStep), GarminWorkoutStepBase.WorkoutRepeatStepType)]
public abstract record GarminWorkoutStepBase
{
    public const string WorkoutStepType = "WorkoutStep";
    public const string WorkoutRepeatStepType = "WorkoutRepeatStep";
}

/// <summary>A single step (type WorkoutStep).</summary>
public sealed record GarminWorkoutStep : GarminWorkoutStepBase
{
    public long? StepId { get; init; }

    public int StepOrder { get; init; }

    public required string Intensity { get; init; }

    public string? Description { get; init; }

    public required string DurationType { get; init; }

    public double? DurationValue { get; init; }

    public string? DurationValueType { get; init; }

    public string? TargetType { get; init; }

    public double? TargetValue { get; init; }

    public double? TargetValueLow { get; init; }

    public double? TargetValueHigh { get; init; }

    public string? TargetValueType { get; init; }

    public string? SecondaryTargetType { get; init; }

    public double? SecondaryTargetValue { get; init; }

    public double? SecondaryTargetValueLow { get; init; }

    public double? SecondaryTargetValueHigh { get; init; }

    public string? SecondaryTargetValueType { get; init; }

    public string? StrokeType { get; init; }

    public string? DrillType { get; init; }

    public string? EquipmentType { get; init; }

    public string? ExerciseCategory { get; init; }

    public string? ExerciseName { get; init; }

    public double? WeightValue { get; init; }

    public string? WeightDisplayUnit { get; init; }
}

/// <summary>A repeat block (type WorkoutRepeatStep) with nested steps.</summary>
public sealed record GarminWorkoutRepeatStep : GarminWorkoutStepBase
{
    public long? StepId { get; init; }

    public int StepOrder { get; init; }

    public required string RepeatType { get; init; }

    public double? RepeatValue { get; init; }

    public bool? SkipLastRestStep { get; init; }

    public IReadOnlyList<GarminWorkoutStepBase> Steps { get; init; } = [];
}
