using SyndicationBot.Articles.Text;
using Xunit;

namespace SyndicationBot.Tests.Articles.Text;

public sealed class LanguageIdentifierTests
{
    [Theory]
    [InlineData("fr", "Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir les agriculteurs touchés par la sécheresse.")]
    [InlineData("en", "The government announced on Tuesday a new set of measures to support farmers hit by the drought.")]
    [InlineData("es", "El gobierno anunció el martes un nuevo paquete de medidas para apoyar a los agricultores afectados por la sequía.")]
    [InlineData("de", "Die Regierung hat am Dienstag neue Maßnahmen angekündigt, um die von der Dürre betroffenen Landwirte zu unterstützen.")]
    [InlineData("it", "Il governo ha annunciato martedì una nuova serie di misure per sostenere gli agricoltori colpiti dalla siccità.")]
    [InlineData("pt", "O governo anunciou na terça-feira um novo conjunto de medidas para apoiar os agricultores afetados pela seca.")]
    [InlineData("ar", "أعلنت الحكومة يوم الثلاثاء عن حزمة جديدة من الإجراءات لدعم الفلاحين المتضررين من الجفاف.")]
    [InlineData("fa", "دولت روز سه‌شنبه مجموعه جدیدی از اقدامات را برای حمایت از کشاورزان آسیب‌دیده از خشکسالی اعلام کرد.")]
    [InlineData("zh", "政府周二宣布了一系列新措施，以支持受干旱影响的农民。")]
    [InlineData("ja", "政府は火曜日、干ばつの被害を受けた農家を支援するための新たな対策を発表した。")]
    [InlineData("ko", "정부는 화요일 가뭄 피해를 입은 농민들을 지원하기 위한 새로운 대책을 발표했다.")]
    [InlineData("cs", "Vláda v úterý oznámila nový balík opatření na podporu zemědělců, které zasáhlo sucho.")]
    [InlineData("id", "Pemerintah pada hari Selasa mengumumkan serangkaian langkah baru untuk membantu para petani yang terdampak kekeringan.")]
    [InlineData("pl", "Rząd ogłosił we wtorek nowy pakiet środków wspierających rolników dotkniętych suszą.")]
    [InlineData("nl", "De regering heeft dinsdag een nieuw pakket maatregelen aangekondigd om de door de droogte getroffen boeren te steunen.")]
    [InlineData("tr", "Hükümet salı günü kuraklıktan etkilenen çiftçileri desteklemek için yeni bir önlem paketi açıkladı.")]
    [InlineData("el", "Η κυβέρνηση ανακοίνωσε την Τρίτη νέα μέτρα για τη στήριξη των αγροτών που επλήγησαν από την ξηρασία.")]
    [InlineData("he", "הממשלה הודיעה ביום שלישי על חבילת צעדים חדשה לתמיכה בחקלאים שנפגעו מהבצורת.")]
    [InlineData("uk", "Уряд у вівторок оголосив про новий пакет заходів для підтримки фермерів, які постраждали від посухи.")]
    [InlineData("ru", "Правительство во вторник объявило о новом пакете мер по поддержке фермеров, пострадавших от засухи.")]
    public void Identify_NewsSentence_ReturnsIso6391Code(string expected, string text)
    {
        // Arrange
        var identifier = new LanguageIdentifier();

        // Act
        var language = identifier.Identify(text);

        // Assert
        Assert.Equal(expected, language);
    }

    [Theory]
    [InlineData("12:05 - 14:30")]
    [InlineData("OK")]
    [InlineData("")]
    [InlineData("• • • ★ ★ ★ 2026")]
    public void Identify_TooLittleText_ReturnsUnd(string text)
    {
        // Arrange
        var identifier = new LanguageIdentifier();

        // Act
        var language = identifier.Identify(text);

        // Assert
        Assert.Equal("und", language);
    }

    [Fact]
    public void Identify_RestrictedToConfiguredLanguages_AnswersOnlyAmongThem()
    {
        // Arrange: a deployment that reads French and English only; Czech text is then one of the two or undetermined.
        var identifier = new LanguageIdentifier(["fr", "en"]);

        // Act
        var french = identifier.Identify("Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir les agriculteurs.");
        var czech = identifier.Identify("Vláda v úterý oznámila nový balík opatření na podporu zemědělců, které zasáhlo sucho.");

        // Assert
        Assert.Equal("fr", french);
        Assert.True(czech is "fr" or "en" or "und", czech);
    }

    [Fact]
    public void Identify_ScriptWithNoConfiguredLanguage_ReturnsUnd()
    {
        // Arrange
        var identifier = new LanguageIdentifier(["fr", "en"]);

        // Act
        var language = identifier.Identify("Η κυβέρνηση ανακοίνωσε την Τρίτη νέα μέτρα για τη στήριξη των αγροτών.");

        // Assert
        Assert.Equal("und", language);
    }
}
