namespace Publishing.IdentityProvider;

/// <summary>Password comparison that takes the same time however much of the password is right.</summary>
public static class Passwords
{
    public static bool Match(string expected, string? given) =>
        given is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(given));
}
