using Coopah.Core.Plans;

namespace Coopah.Web.Plans;

/// <summary>
/// Path-addressed edits of an immutable step tree for the editors. A path is the 0-based child indexes from the
/// root (the same shape as <see cref="ValidationIssue.StepPath"/>); every edit returns a new tree.
/// </summary>
public static class StepTree
{
    public static StepNode Get(IReadOnlyList<StepNode> steps, IReadOnlyList<int> path)
    {
        var node = steps[path[0]];
        for (var i = 1; i < path.Count; i++)
        {
            node = ((RepeatBlock)node).Steps[path[i]];
        }

        return node;
    }

    public static IReadOnlyList<StepNode> Replace(IReadOnlyList<StepNode> steps, IReadOnlyList<int> path, StepNode node) =>
        Siblings(steps, path, (list, i) => list[i] = node);

    public static IReadOnlyList<StepNode> Remove(IReadOnlyList<StepNode> steps, IReadOnlyList<int> path) =>
        Siblings(steps, path, (list, i) => list.RemoveAt(i));

    /// <summary>Moves a node up (-1) or down (+1) among its siblings; a move past either end does nothing.</summary>
    public static IReadOnlyList<StepNode> Move(IReadOnlyList<StepNode> steps, IReadOnlyList<int> path, int delta) =>
        Siblings(steps, path, (list, i) =>
        {
            var to = i + delta;
            if (to >= 0 && to < list.Count)
            {
                (list[i], list[to]) = (list[to], list[i]);
            }
        });

    /// <summary>Appends a node to the root (empty <paramref name="parent"/>) or to the repeat block at <paramref name="parent"/>.</summary>
    public static IReadOnlyList<StepNode> Append(IReadOnlyList<StepNode> steps, IReadOnlyList<int> parent, StepNode node)
    {
        if (parent.Count == 0)
        {
            return [.. steps, node];
        }

        var repeat = (RepeatBlock)Get(steps, parent);
        return Replace(steps, parent, repeat with { Steps = [.. repeat.Steps, node] });
    }

    /// <summary>Puts the node at <paramref name="path"/> into a new repeat block (count 2) in its place.</summary>
    public static IReadOnlyList<StepNode> Wrap(IReadOnlyList<StepNode> steps, IReadOnlyList<int> path) =>
        Replace(steps, path, new RepeatBlock(2, [Get(steps, path)]));

    private static IReadOnlyList<StepNode> Siblings(IReadOnlyList<StepNode> steps, IReadOnlyList<int> path, Action<List<StepNode>, int> edit)
    {
        var list = steps.ToList();
        if (path.Count == 1)
        {
            edit(list, path[0]);
            return list;
        }

        var repeat = (RepeatBlock)list[path[0]];
        list[path[0]] = repeat with { Steps = Siblings(repeat.Steps, [.. path.Skip(1)], edit) };
        return list;
    }
}
