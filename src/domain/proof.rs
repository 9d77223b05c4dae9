//! The pieces of evidence a platform asks for: the checklist's vocabulary, which the advice on
//! each kind of dispute (`advice`) and the files kept with a case (`evidence`) both speak.

choices! {
    /// A piece of evidence a platform asks for (docs/RULES.md and its sources).
    Proof {
        TrackingScreenshots => "tracking", "Screenshots of the tracking page";
        PostOfficeStatement => "post_office_statement", "A statement from your post office that nothing arrived";
        CustomsDocuments => "customs", "Customs documents, if the parcel was held";
        PromisedDate => "promised_date", "The promised delivery date from the order page";
        SellerChat => "seller_chat", "Screenshots of your messages with the seller";
        DifferencePhotos => "difference", "Photos or a video showing how it differs from the listing";
        ListingScreenshots => "listing", "Screenshots of the listing (photos, description, specifications)";
        SizeBesideRuler => "size_ruler", "For sizes: the item flat beside a ruler, and its size label";
        DamagePhotos => "damage", "Photos of the damage and of the packaging";
        NotWorkingVideo => "not_working_video", "A video showing it does not work (electronics)";
        UnboxingVideo => "unboxing_video", "Your unboxing video, if you filmed one";
        WhatArrivedPhotos => "what_arrived", "Photos of what arrived, with its label";
        OrderPage => "order_page", "The order page showing what you ordered";
        BrandCloseUps => "brand_close_ups", "Close-up photos of logos, labels and serial numbers";
        BrandClaim => "brand_claim", "The listing claiming the brand";
        EverythingReceived => "everything_received", "A photo of everything that arrived, laid out";
        ParcelWeight => "parcel_weight", "The parcel's label with its weight";
        IncludedItems => "included_items", "The listing showing what should be included";
        Cancellation => "cancellation", "The order page showing the cancellation";
        BankStatement => "bank_statement", "Your bank statement without the refund";
    }
}

impl Proof {
    /// Evidence that helps when it exists but that not every buyer can have.
    pub fn is_optional(self) -> bool {
        matches!(self, Proof::CustomsDocuments | Proof::SizeBesideRuler | Proof::UnboxingVideo)
    }
}
