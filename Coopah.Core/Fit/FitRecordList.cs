using System.Collections;

namespace Coopah.Core.Fit;

/// <summary>
/// Append-only chunked list of records: growth never copies, so allocation stays proportional to the records
/// actually decoded (never to a size a header claims).
/// </summary>
public sealed class FitRecordList : IReadOnlyList<FitRecord>
{
    private const int ChunkShift = 10;
    private const int ChunkSize = 1 << ChunkShift;
    private static readonly FitRecord EmptyRecord = FitRecord.Empty;
    private readonly List<FitRecord[]> _chunks = [];
    private FitRecord[]? _current;
    private int _used = ChunkSize;

    public int Count { get; private set; }

    public FitRecord this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            return _chunks[index >> ChunkShift][index & (ChunkSize - 1)];
        }
    }

    /// <summary>Reserves the next slot and returns it by reference, initialised to <see cref="FitRecord.Empty"/>.</summary>
    internal ref FitRecord Add()
    {
        if (_used == ChunkSize)
        {
            _current = new FitRecord[ChunkSize];
            _chunks.Add(_current);
            _used = 0;
        }

        ref var slot = ref _current![_used++];
        slot = EmptyRecord;
        Count++;
        return ref slot;
    }

    internal void Append(in FitRecord record) => Add() = record;

    public IEnumerator<FitRecord> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _chunks[i >> ChunkShift][i & (ChunkSize - 1)];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
