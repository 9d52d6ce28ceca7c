namespace Berth.Scanning.Cvss;

/// <summary>The CVSS specification a vector string declares in its <c>CVSS:x.y/</c> prefix.</summary>
public enum CvssVersion
{
    /// <summary><c>CVSS:3.0</c>.</summary>
    V30,

    /// <summary><c>CVSS:3.1</c>.</summary>
    V31,

    /// <summary><c>CVSS:4.0</c>.</summary>
    V40,
}
