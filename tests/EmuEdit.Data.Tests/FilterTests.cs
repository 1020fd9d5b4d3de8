using EmuEdit.Data.Filtering;
using EmuEdit.Data.Instructions;
using EmuEdit.Data.Scenes;
using EmuEdit.Data.Tasks;

namespace EmuEdit.Data.Tests;

public class FilterTests
{
    private static readonly Scene TwoRedCircles = new()
    {
        Background = new BackgroundSpec { Kind = BackgroundKind.Solid, Color = "white" },
        Objects =
        [
            new SceneObject { Id = 1, Kind = ShapeKind.Circle, Color = "red", X = 0.25f, Y = 0.6f, Size = 0.14f },
            new SceneObject { Id = 2, Kind = ShapeKind.Circle, Color = "red", X = 0.75f, Y = 0.6f, Size = 0.14f },
            new SceneObject { Id = 3, Kind = ShapeKind.Square, Color = "blue", X = 0.5f, Y = 0.2f, Size = 0.12f },
        ],
    };

    private static readonly ReferringExpression BlueSquare = new() { Text = "the blue square", Color = "blue", Kind = ShapeKind.Square };

    private static EditDraft Draft(Scene output, EditClaim claim, params int[] changed) => new()
    {
        Input = TwoRedCircles, Output = output, Claim = claim, ChangedObjects = changed,
        Phrasing = new Phrasing("planted", "test/t0", false),
    };

    private static Rejection? Run(string task, EditDraft draft)
    {
        TestData.Generator.Build(task, draft, out var rejection);
        return rejection;
    }

    [Fact]
    public void A_correct_edit_passes()
    {
        var output = TwoRedCircles.ReplaceObject(TwoRedCircles.Find(3)! with { Color = "green" });
        Assert.Null(Run("local", Draft(output, new EditClaim { Kind = ClaimKind.Recolor, Referent = BlueSquare, Color = "green" }, 3)));
    }

    [Fact]
    public void Rejects_an_ambiguous_referent()
    {
        var redCircle = new ReferringExpression { Text = "the red circle", Color = "red", Kind = ShapeKind.Circle };
        var output = TwoRedCircles.ReplaceObject(TwoRedCircles.Find(1)! with { Color = "green" });
        var r = Run("local", Draft(output, new EditClaim { Kind = ClaimKind.Recolor, Referent = redCircle, Color = "green" }, 1));
        Assert.Equal(RejectionReason.AmbiguousReferent, r?.Reason);
    }

    [Fact]
    public void Rejects_a_superlative_without_a_clear_winner()
    {
        var biggest = new ReferringExpression { Text = "the biggest circle", Kind = ShapeKind.Circle, Superlative = Superlative.Biggest };
        Assert.NotEqual(1, biggest.Resolve(TwoRedCircles).Count);
    }

    [Fact]
    public void Rejects_a_wrong_label_recolour()
    {
        var output = TwoRedCircles.ReplaceObject(TwoRedCircles.Find(3)! with { Color = "yellow" });
        var r = Run("local", Draft(output, new EditClaim { Kind = ClaimKind.Recolor, Referent = BlueSquare, Color = "green" }, 3));
        Assert.Equal(RejectionReason.Inconsistent, r?.Reason);
    }

    [Fact]
    public void Rejects_removing_the_wrong_object()
    {
        var output = TwoRedCircles with { Objects = TwoRedCircles.Objects.Where(o => o.Id != 1).ToArray() };
        var r = Run("remove", Draft(output, new EditClaim { Kind = ClaimKind.Remove, Referent = BlueSquare }, 1));
        Assert.Equal(RejectionReason.Inconsistent, r?.Reason);
    }

    [Fact]
    public void Rejects_a_box_around_the_wrong_object()
    {
        var output = TwoRedCircles.WithEffect(new SceneEffect { Kind = EffectKind.Box, ObjectId = 2 });
        var r = Run("detect", Draft(output, new EditClaim { Kind = ClaimKind.Annotate, Referent = BlueSquare, Effect = EffectKind.Box }, 2));
        Assert.Equal(RejectionReason.Inconsistent, r?.Reason);
    }

    [Fact]
    public void Rejects_an_edit_that_also_changes_something_else()
    {
        var output = TwoRedCircles.ReplaceObject(TwoRedCircles.Find(3)! with { Color = "green" }).ReplaceObject(TwoRedCircles.Find(1)! with { Color = "black" });
        var r = Run("local", Draft(output, new EditClaim { Kind = ClaimKind.Recolor, Referent = BlueSquare, Color = "green" }, 3, 1));
        Assert.Equal(RejectionReason.Inconsistent, r?.Reason);
    }

    [Fact]
    public void Rejects_a_hidden_referent()
    {
        var scene = TwoRedCircles with
        {
            Objects = [new SceneObject { Id = 9, Kind = ShapeKind.Star, Color = "green", X = 0.25f, Y = 0.6f, Size = 0.08f }, .. TwoRedCircles.Objects],
        };
        var star = new ReferringExpression { Text = "the star", Kind = ShapeKind.Star };
        var draft = Draft(scene.ReplaceObject(scene.Find(9)! with { Color = "blue" }), new EditClaim { Kind = ClaimKind.Recolor, Referent = star, Color = "blue" }, 9) with { Input = scene };
        Assert.Equal(RejectionReason.HiddenReferent, Run("local", draft)?.Reason);
    }

    [Fact]
    public void Rejects_identical_and_invisible_edits()
    {
        var blank = new Scene { Background = new BackgroundSpec { Kind = BackgroundKind.Solid, Color = "gray" } };
        var blurNothing = new EditDraft
        {
            Input = blank, Output = blank.WithEffect(new SceneEffect { Kind = EffectKind.Blur }),
            Claim = new EditClaim { Kind = ClaimKind.Effect, Effect = EffectKind.Blur }, Scope = MaskScope.Full,
            Phrasing = new Phrasing("blur it", "test/t0", false),
        };
        Assert.Equal(RejectionReason.Identical, Run("color", blurNothing)?.Reason);

        var input = TestData.Generator.Renderer.Render(TwoRedCircles).Quantize();
        var target = input.Clone();
        for (int i = 0; i < 60; i += 3) target.Data[i] = Math.Min(1f, target.Data[i] + 2f / 255f);
        var r = TestData.Generator.Filter.CheckPixels("color", input, target, Imaging.GrayImage.Full(64, 64));
        Assert.Equal(RejectionReason.Invisible, r?.Reason);
    }
}
