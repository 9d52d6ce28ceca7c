using System.Runtime.CompilerServices;

namespace Berth.Scanning.Cvss;

/// <summary>
/// The parsed metric values of one vector, inline in <see cref="CvssVector"/> (no extra allocation).
/// Element i belongs to metric i of the version's table and holds value index + 1; 0 means absent.
/// 32 slots: CVSS v4.0 has exactly 32 metrics, v3.x has 22.
/// </summary>
[InlineArray(Capacity)]
internal struct CvssMetricValues
{
    public const int Capacity = 32;

    private byte _element;
}
